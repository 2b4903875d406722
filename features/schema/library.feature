Feature: RFC 6545 §7 — a RID library judges the golden corpus as the RFCs do
  The library under test is driven through a small adapter (mile check --adapter 'CMD', JSON lines
  on stdin/stdout, see docs/adapter.md). It must accept every valid message of the golden RID
  corpus, reject every invalid one (each breaks exactly one rule, named in the corpus manifest),
  and what it produces must be valid. An operation the adapter declares it lacks is
  "unimplemented", not failed.

  @documents @RFC6545-7-schema-valid
  Scenario: The library accepts every valid RID message of the corpus
    Given the library under test
    When it validates every valid RID message of the corpus
    Then it accepts every one

  @documents @RFC6545-7-schema-valid @RFC6545-7-well-formed
  Scenario: The library rejects every invalid RID message of the corpus
    Given the library under test
    When it validates every invalid RID message of the corpus
    Then it rejects every one, citing its rule

  @documents @RFC6545-7-schema-valid @RFC6545-5.1-msgtype
  Scenario Outline: A <type> the library produces is a valid RID message
    Given the library under test
    When it produces a <type>
    Then the produced document is a valid RID message of that type

    Examples:
      | type                 |
      | TraceRequest         |
      | InvestigationRequest |
      | Query                |
      | Report               |
      | Acknowledgement      |
      | Result               |
