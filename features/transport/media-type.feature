Feature: RFC 6546 §3 — the media type of RID messages is text/xml
  Requests and responses that carry a RID message use "Content-Type: text/xml".
  A request with another media type is not a proper RID request and gets a 4xx.

  @server @RFC6546-3-media-type
  Scenario: A RID message sent as application/json is refused with a 4xx
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to / with Content-Type "application/json"
    Then the status is 4xx

  @server @RFC6546-3-media-type
  Scenario: An answer in the HTTP response is sent as text/xml
    Given the RID message "valid/flow-7-query.xml"
    When the harness POSTs it to /
    Then the status is 200
    And the response Content-Type is text/xml
