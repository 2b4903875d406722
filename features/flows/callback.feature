Feature: RFC 6546 §3 — 202 Accepted and the later answer by callback
  A RID system may accept a Request or Query with 202 Accepted: the body is empty and a RID-Callback-Token
  header (1*255VCHAR) identifies the answer it owes. The answer is later POSTed with the same token to / at
  the address the request came from, port 4590 unless configured (the harness listens there). A subject
  that answers at once (200) does not exercise this path: these scenarios are then skipped with that reason.

  @server @RFC6546-3-accepted-empty @RFC6546-3-callback-token @RFC6546-3-table1
  Scenario: A 202 Accepted has an empty body and a valid RID-Callback-Token
    Given the RID message "valid/flow-1-investigation-request.xml"
    And a fresh incident number
    When the harness POSTs it to /
    Then the subject accepted it for a later answer
    And the response is an answer Table 1 allows

  @server @RFC6546-3-answered @RFC6546-3-handle-table1 @RFC6546-3-accept-peers @RFC6545-6.1-request-answers @RFC6545-7-answer-incidentid
  Scenario: The answer promised by a 202 arrives by callback with the token
    Given the RID message "valid/flow-1-investigation-request.xml"
    And a fresh incident number
    When the harness POSTs it to /
    Then the subject accepted it for a later answer
    And the later answer arrives by callback with the token
    And the callback answer is one the request may get

  @server @RFC6546-3-token-unique
  Scenario: Two accepted requests get different callback tokens
    Given the RID message "valid/flow-1-investigation-request.xml"
    And a fresh incident number
    When the harness POSTs it to /
    And the harness POSTs it again with a fresh incident number
    Then the two callback tokens differ

  @server @RFC6546-3-callback-address
  Scenario: The later answer is POSTed to / at the address the request came from
    Given the RID message "valid/flow-1-investigation-request.xml"
    And a fresh incident number
    When the harness POSTs it to /
    Then the subject accepted it for a later answer
    And the later answer arrives at the address the request came from
