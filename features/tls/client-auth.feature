Feature: RFC 6546 §3 — mutual TLS authentication
  Both sides authenticate with X.509 certificates and fully validate the other's certificate
  path (RFC 5280). A client without a certificate, or with one that fails validation, never
  reaches the RID application. Wildcard identities are forbidden, and a peer is checked
  against an explicit list of peer certificates.

  @server @RFC6546-3-mutual-auth
  Scenario: A client that presents no certificate is refused
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to / without a client certificate
    Then the request is refused before reaching the RID application

  @server @RFC6546-3-path-validation
  Scenario Outline: A client certificate that fails path validation is refused (<cert>)
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to / with the client certificate "<cert>"
    Then the request is refused before reaching the RID application

    Examples:
      | cert                |
      | bad/expired         |
      | bad/not-yet-valid   |
      | bad/unknown-ca      |
      | bad/self-signed     |
      | bad/no-client-auth  |

  @server @RFC6546-3-no-wildcard
  Scenario: A client certificate with a wildcard DNS-ID is refused
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to / with the client certificate "bad/wildcard"
    Then the request is refused before reaching the RID application

  @server @RFC6546-3-peer-list
  Scenario: A valid client certificate that is not on the peer list is refused
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to / with the unlisted client certificate
    Then the request is refused before reaching the RID application

  @server @RFC6546-3-dns-id
  Scenario: The server identifies itself with a DNS-ID
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to /
    Then the server certificate has a DNS-ID without wildcards
