Feature: RFC 6545 §7, RFC 7970, RFC 5070 and its extensions — a library judges the golden corpus as the RFCs do
  The library under test is driven through a small adapter (mile check --adapter 'CMD', JSON lines
  on stdin/stdout, see docs/adapter.md) over the whole golden corpus built into mile: every corpus
  folder (RID, IODEF 2.0, IODEF 1.0 and the phishing, Thraud and SCI extensions), one scenario per
  folder. It must accept every valid document, reject every invalid one (each breaks one rule,
  named in the corpus manifest and cited in the finding), and what it produces must be valid. An
  invalid document an XSD-only library accepts because the rule it breaks is RFC prose the XSD
  cannot express (so the manifest says) is reported as a known XSD limitation (MAY: informs), not
  as a failure. An operation the adapter declares it lacks is "unimplemented", not failed.

  @documents
  Scenario Outline: The library accepts every valid document of the <corpus> corpus
    Given the library under test
    When it validates every valid document of the <corpus> corpus
    Then it accepts every one

    @RFC6545-7-schema-valid
    Examples: RID (RFC 6545)
      | corpus          |
      | rid             |

    @RFC7970-4.3-well-formed
    Examples: IODEF 2.0 (RFC 7970)
      | corpus          |
      | iodef-2.0       |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 (RFC 5070)
      | corpus          |
      | iodef-1.0       |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 with the phishing extension (RFC 5901)
      | corpus          |
      | iodef-phish-1.0 |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 with the Thraud extension (RFC 5941)
      | corpus          |
      | thraud-1.0      |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 with the SCI extension (RFC 7203)
      | corpus          |
      | iodef-sci-1.0   |

  @documents
  Scenario Outline: The library rejects every invalid document of the <corpus> corpus
    Given the library under test
    When it validates every invalid document of the <corpus> corpus
    Then it rejects every one, citing its rule

    @RFC6545-7-schema-valid @RFC6545-7-well-formed
    Examples: RID (RFC 6545)
      | corpus          |
      | rid             |

    @RFC7970-4.3-well-formed
    Examples: IODEF 2.0 (RFC 7970)
      | corpus          |
      | iodef-2.0       |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 (RFC 5070)
      | corpus          |
      | iodef-1.0       |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 with the phishing extension (RFC 5901)
      | corpus          |
      | iodef-phish-1.0 |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 with the Thraud extension (RFC 5941)
      | corpus          |
      | thraud-1.0      |

    @RFC5070-4.3-well-formed
    Examples: IODEF 1.0 with the SCI extension (RFC 7203)
      | corpus          |
      | iodef-sci-1.0   |

  @documents @RFC6545-7-schema-valid @RFC6545-5.1-msgtype
  Scenario Outline: A <type> the library produces is a valid RID message
    Given the library under test
    When it produces a <type>
    Then the produced document is a valid RID message of that type

    Examples:
      | type                 |
      | TraceRequest         |
      | InvestigationRequest |
      | Query                |
      | Report               |
      | Acknowledgement      |
      | Result               |
