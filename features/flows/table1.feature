Feature: RFC 6546 §3 Table 1 and RFC 6545 §6-7 — each message type gets the answers it may get
  The HTTP status and the RID message in the response depend on the type of the request
  (RFC 6546 Table 1): a TraceRequest or InvestigationRequest gets 200 with an Acknowledgement,
  Result or Report, or 202 with an empty body and a later callback; a Query gets 200 with an
  Acknowledgement or Report, or 202; a Report gets 200, empty or with an Acknowledgement; a
  Result or Acknowledgement gets 200 with an empty body. Every answer is a valid RID message
  (text/xml) about the same incident (IncidentID) as the message it answers.

  @server @RFC6546-3-table1 @RFC6546-3-corresponding-answer @RFC6545-6.1-request-answers @RFC6545-6.1-request-result @RFC6545-7-answer-incidentid @RFC6545-7-schema-valid
  Scenario: A TraceRequest is answered as Table 1 allows
    Given the RID message "valid/flow-4-trace-request.xml"
    When the harness POSTs it to /
    Then the response is an answer Table 1 allows
    And the answer is a valid RID message
    And the Request gets its Result, now or by callback

  @server @RFC6546-3-table1 @RFC6546-3-corresponding-answer @RFC6545-6.1-request-answers @RFC6545-7-answer-incidentid @RFC6545-7-schema-valid
  Scenario: An InvestigationRequest is answered as Table 1 allows
    Given the RID message "valid/flow-2-investigation-request.xml"
    When the harness POSTs it to /
    Then the response is an answer Table 1 allows
    And the answer is a valid RID message

  @server @RFC6546-3-table1 @RFC6546-3-corresponding-answer @RFC6545-6.5-query-answers @RFC6545-7-answer-incidentid @RFC6545-7-schema-valid
  Scenario: A Query is answered as Table 1 allows
    Given the RID message "valid/flow-7-query.xml"
    When the harness POSTs it to /
    Then the response is an answer Table 1 allows
    And the answer is a valid RID message

  @server @RFC6546-3-table1 @RFC6546-3-corresponding-answer @RFC6545-6.4-report-answers
  Scenario: A Report is answered with 200, empty or with an Acknowledgement
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to /
    Then the response is an answer Table 1 allows
    And the answer is a valid RID message

  @server @RFC6546-3-table1 @RFC6545-6.3-result-answers
  Scenario: A Result is answered with 200 and an empty body
    Given the RID message "valid/flow-5-result.xml"
    When the harness POSTs it to /
    Then the response is an answer Table 1 allows

  @server @RFC6546-3-sync-answer
  Scenario: A Query's answer, available at once, comes in the HTTP response
    Given the RID message "valid/flow-7-query.xml"
    When the harness POSTs it to /
    Then the answer came in the HTTP response rather than by callback
