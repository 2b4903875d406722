Feature: RFC 6546 §3, RFC 6545 §7 — an improper RID message gets a 4xx
  A RID message that is not well-formed, not valid against the schemas, or breaks a rule of
  RFC 6545 is improper: the HTTP request carrying it is answered with a 4xx status (not 200,
  not a 5xx, which is for the receiver's own failures).

  @server @RFC6546-3-improper-4xx
  Scenario Outline: An improper RID message is refused with a 4xx (<message>)
    Given the RID message "invalid/<message>"
    When the harness POSTs it to /
    Then the status is 4xx

    Examples:
      | message                                  |
      | mismatched-end-tag.xml                   |
      | doctype-internal-subset.xml              |
      | rid-without-lang.xml                     |
      | ridpolicy-missing.xml                    |
      | acknowledgement-without-requeststatus.xml |
      | trace-request-without-iodef.xml          |

  @server @RFC6546-3-improper-4xx
  Scenario: A body that is not XML at all is refused with a 4xx
    Given the non-XML body "this is not a RID message"
    When the harness POSTs it to /
    Then the status is 4xx
