Feature: RFC 6546 §3 and Table 1 — a RID client handles every answer it may get
  A RID system must be prepared for each response Table 1 allows to what it sent: 200 with an
  Acknowledgement, a Result or a Report, and 202 Accepted with an empty body followed by the
  answer in a later POST to the address its request came from. The client under test is judged
  by its exit code (0: the message was delivered and answered as Table 1 allows, and after a 202
  the later answer arrived) and by how it answers the later POST (Table 1: 200, empty body). The
  later answer goes to the host the request came from, at the port given by {callback} in the
  command (host:port; without {callback} the RFC's default port 4590).

  @client @RFC6546-3-handle-table1
  Scenario Outline: The client takes 200 with <answer> to its <message>
    Given the RID message "valid/<file>"
    When the client under test is told to send it to a server that answers 200 with <answer>
    Then the client completes the exchange

    Examples:
      | message      | file                     | answer              |
      | TraceRequest | flow-4-trace-request.xml | an Acknowledgement  |
      | TraceRequest | flow-4-trace-request.xml | a Result            |
      | TraceRequest | flow-4-trace-request.xml | a Report            |
      | Query        | flow-14-query.xml        | an Acknowledgement  |
      | Query        | flow-14-query.xml        | a Report            |
      | Report       | flow-10-report.xml       | an Acknowledgement  |
      | Report       | flow-10-report.xml       | an empty body       |

  @client @RFC6546-3-handle-table1 @RFC6546-3-table1
  Scenario Outline: The client takes 202 Accepted and the later answer to its <message>
    Given the RID message "valid/<file>"
    When the client under test is told to send it to a server that answers 202 Accepted and calls back later
    Then the client takes the later answer with 200 and an empty body
    And the client completes the exchange

    Examples:
      | message      | file                     |
      | TraceRequest | flow-4-trace-request.xml |
      | Query        | flow-14-query.xml        |

  @client @RFC6546-3-refusal-not-delivered
  Scenario Outline: The client reports a <status> answer as a failure
    Given the RID message "valid/flow-10-report.xml"
    When the client under test is told to send it to a server that answers <status>
    Then the client reports that the message was not accepted

    Examples:
      | status |
      | 400    |
      | 403    |
      | 500    |
      | 503    |
