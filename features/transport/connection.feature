Feature: RFC 6546 §3 — HTTP/1.1 persistent connections, chunked bodies, no redirection
  RID systems support persistent connections and chunked request bodies, and neither send
  nor follow 3xx redirections.

  @server @RFC6546-3-persistent
  Scenario: Two RID messages travel on one kept-alive connection
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to / on a connection of its own
    And the harness POSTs it again on the same connection
    Then the status is 200
    And the last response came on the connection of the first

  @server @RFC6546-3-chunked
  Scenario: A RID message sent with chunked transfer coding is processed
    Given the RID message "valid/flow-4-trace-request.xml"
    When the harness POSTs it to / in chunks of 512 bytes
    Then the status is 200
    And the response is an answer Table 1 allows

  @server @RFC6546-3-no-redirect
  Scenario: A RID message is not answered with a redirection
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to /
    Then the response is not a redirection
