Feature: RFC 6545 §7 — documents the implementation under test produced are valid
  Every document in the directory given with --documents (searched for *.xml) is well-formed,
  valid against its schema (RID, IODEF 2.0 or IODEF 1.0, detected from its root) and follows the
  prose rules of its RFC. Each finding cites the rule broken and the document's line and column.

  @documents @RFC6545-7-well-formed @RFC6545-7-schema-valid
  Scenario: Every document under test is valid
    Given the documents under test
    Then every document is valid
