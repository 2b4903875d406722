Feature: RFC 6546 §3 — a RID client sends as the RFC says
  The client under test (mile check --listen ADDR --client-cmd 'CMD {url} {file}') is told to
  send a RID message to a server the harness runs. It must POST it to "/" as text/xml over mutual
  TLS, validate the server's certificate path (RFC 5280), refuse wildcard identities, and never
  follow a redirection. The command gets {url}, {file} (the message), {ca}, {cert}, {key} (the
  harness's test PKI: trust ca.crt, present the certificate) and {callback} (answers.feature).

  @client @RFC6546-3-post-root @RFC6546-3-media-type @RFC6546-3-mutual-auth
  Scenario: The client POSTs a valid TraceRequest to / as text/xml
    Given the RID message "valid/flow-4-trace-request.xml"
    When the client under test is told to send it to the harness
    Then the harness received it as a POST to / in text/xml
    And the body received is the valid RID message it was given

  @client @RFC6546-3-path-validation
  Scenario Outline: The client refuses a server whose certificate fails validation (<cert>)
    Given the RID message "valid/flow-10-report.xml"
    When the client under test is told to send it to a server with the certificate "<cert>"
    Then the client does not deliver it

    Examples:
      | cert              |
      | bad/expired       |
      | bad/not-yet-valid |
      | bad/unknown-ca    |
      | bad/self-signed   |
      | bad/wrong-host    |

  @client @RFC6546-3-no-wildcard
  Scenario: The client refuses a server with a wildcard certificate
    Given the RID message "valid/flow-10-report.xml"
    When the client under test is told to send it to a server with the certificate "bad/wildcard"
    Then the client does not deliver it

  @client @RFC6546-3-no-redirect
  Scenario: The client does not follow a redirection
    Given the RID message "valid/flow-10-report.xml"
    When the client under test is told to send it to a server that redirects
    Then the client does not follow the redirection
