Feature: RFC 6545 §6.2, §7 — policy refusals and filed reports
  A message that the receiving system's policy does not allow is refused with an
  Acknowledgement whose RequestStatus says Denied and gives a Justification (it MUST reach the
  sender). A Report is filed: a later Query about the same incident finds it.
  Against a server under test, the refused message comes from --forbidden FILE.

  @server @RFC6545-7-refusal-ack @RFC6545-6.2-ack-content @RFC6545-6.1-request-result
  Scenario: A request the policy forbids is refused with a Denied Acknowledgement
    Given the message the subject's policy forbids
    When the harness POSTs it to /
    Then the status is 200
    And the answer is an Acknowledgement with AuthorizationStatus Denied and a Justification
    And the answer is a valid RID message

  @server @RFC6545-7.3-report-filed @RFC6545-6.5-query-answers
  Scenario: A Report is filed and a later Query about its incident finds it
    Given the RID message "valid/flow-10-report.xml"
    And a fresh incident number
    When the harness POSTs it to /
    And the harness asks with a Query about that incident
    Then the Report answering the Query holds the filed incident
