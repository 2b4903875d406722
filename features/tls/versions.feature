Feature: RFC 6546 §3 — TLS versions and cipher suites
  RID systems use TLS 1.1 or later (this suite expects 1.2 or 1.3: RFC 8996 deprecated 1.1),
  support TLS 1.2, never use SSL or TLS 1.0, and only use cipher suites with non-NULL
  authentication, integrity and confidentiality. Probes that rustls cannot make go through
  "openssl s_client"; without it they are skipped with that reason.

  @server @RFC6546-3-tls12
  Scenario: The server speaks TLS 1.2
    Given the RID message "valid/flow-10-report.xml"
    When the harness POSTs it to / offering only TLS 1.2
    Then the status is 200

  @server @RFC6546-3-tls-version
  Scenario Outline: The server refuses a handshake offering only <version>
    When openssl offers only <version> with the harness certificate
    Then the handshake is refused

    Examples:
      | version |
      | TLS 1.0 |
      | TLS 1.1 |

  @server @RFC6546-3-non-null-cipher
  Scenario: The server refuses a handshake offering only NULL cipher suites
    When openssl offers only NULL cipher suites with the harness certificate
    Then the handshake is refused
