Feature: RFC 6546 §3 — RID messages are POSTed to "/" over HTTP/1.1
  A RID system accepts RID messages only as HTTP POST requests to the Request-URI "/".
  Any other method on "/" is answered 405 Method Not Allowed with "Allow: POST"
  (verified erratum 3267 replaced the original 204 rule); other Request-URIs get 404.

  @server @RFC6546-3-method-not-allowed
  Scenario: GET on / is refused with 405 and "Allow: POST"
    When the harness sends GET / with no body
    Then the status is 405
    And the header "Allow" names only POST

  @server @RFC6546-3-method-not-allowed
  Scenario: HEAD on / is refused with 405 and "Allow: POST"
    When the harness sends HEAD / with no body
    Then the status is 405
    And the header "Allow" names only POST

  @server @RFC6546-3-method-not-allowed
  Scenario: PUT on / is refused with 405 and "Allow: POST"
    When the harness sends PUT / with no body
    Then the status is 405
    And the header "Allow" names only POST

  @server @RFC6546-3-other-uri
  Scenario: A valid RID message POSTed to another Request-URI gets 404
    Given the RID message "valid/flow-4-trace-request.xml"
    When the harness POSTs it to /rid/other
    Then the status is 404

  @server @RFC6546-3-post-root @RFC6546-3-http11
  Scenario: A RID message POSTed to / gets an HTTP/1.1 response
    Given the RID message "valid/flow-10-report.xml"
    When the harness writes it to / by hand as an HTTP/1.1 request
    Then the status line starts with "HTTP/1.1 "
    And the status is 200
