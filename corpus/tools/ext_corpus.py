#!/usr/bin/env python3
"""Generate the extension corpora: corpus/iodef-phish-1.0, corpus/thraud-1.0, corpus/iodef-sci-1.0.

Every document is written by us. Each folder has a base document (valid/minimal.xml) and a few
richer valid ones; every invalid document is the base with ONE change, breaking exactly one
catalog entry of src/requirements/rfc5901.rs, rfc5941.rs or rfc7203.rs.

    python3 corpus/tools/ext_corpus.py           # write the documents and the manifests
    python3 corpus/tools/ext_corpus.py --check   # also run mile and xmllint on every document

A case is (file, requirements, purpose, xmllint verdict when it differs, the reason, edits) where
edits are (old, new) replacements applied to the base, each of which must match exactly once.
"""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = os.path.join(ROOT, "..", "shared", "spec")

V1_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<IODEF-Document version="1.00" lang="en"
    xmlns="urn:ietf:params:xml:ns:iodef-1.0"
{ns}    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="urn:ietf:params:xml:ns:iodef-1.0 https://www.iana.org/assignments/xml-registry/schema/iodef-1.0.xsd">
"""
V2_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<IODEF-Document version="2.00" xml:lang="en"
    xmlns="urn:ietf:params:xml:ns:iodef-2.0"
{ns}    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="urn:ietf:params:xml:ns:iodef-2.0 https://www.iana.org/assignments/xml-registry/schema/iodef-2.0.xsd">
"""

PROSE = "RFC prose stricter than the XSD: "


def doc(head, ns, body):
    return head.format(ns="".join(f'    xmlns:{p}="{u}"\n' for p, u in ns)) + body + "</IODEF-Document>\n"


def edit(base, edits, name):
    out = base
    for old, new in edits:
        n = out.count(old)
        if n != 1:
            sys.exit(f"{name}: edit target occurs {n} times: {old!r}")
        out = out.replace(old, new)
    return out


# =============================================================================================
# RFC 5901 phishing

PH = [("iodef-phish", "urn:ietf:params:xml:ns:iodef-phish-1.0")]
PH_DS = PH + [("ds", "http://www.w3.org/2000/09/xmldsig#")]

PH_REPORT = """        <iodef-phish:PhraudReport Version="0.06" FraudType="phishing">
          <iodef-phish:FraudParameter>Your online banking access has been suspended</iodef-phish:FraudParameter>
          <iodef-phish:FraudedBrandName>Bank Example</iodef-phish:FraudedBrandName>
          <iodef-phish:LureSource>
            <System category="source" spoofed="yes">
              <Node>
                <Address category="ipv4-addr">198.51.100.23</Address>
              </Node>
            </System>
          </iodef-phish:LureSource>
          <iodef-phish:OriginatingSensor OriginatingSensorType="mailgateway">
            <iodef-phish:DateFirstSeen>2026-04-02T08:39:12Z</iodef-phish:DateFirstSeen>
            <System category="sensor">
              <Node>
                <NodeName>mx1.bank.example</NodeName>
              </Node>
            </System>
          </iodef-phish:OriginatingSensor>
          <iodef-phish:DCSite DCType="web">
            <iodef-phish:SiteURL iodef-phish:confidence="90">http://login.bank-example.test/verify</iodef-phish:SiteURL>
          </iodef-phish:DCSite>
        </iodef-phish:PhraudReport>
"""

PH_INCIDENT = """  <Incident purpose="reporting">
    <IncidentID name="abuse.bank.example">PH-2026-0042</IncidentID>
    <ReportTime>2026-04-02T10:15:00Z</ReportTime>
    <Assessment>
      <Impact lang="en" type="social-engineering" completion="succeeded"/>
    </Assessment>
    <Contact role="creator" type="organization">
      <ContactName>Bank Example Fraud Desk</ContactName>
      <Email>fraud@bank.example</Email>
    </Contact>
    <EventData>
      <DetectTime>2026-04-02T08:40:00Z</DetectTime>
      <AdditionalData dtype="xml" meaning="phishing report">
""" + PH_REPORT + """      </AdditionalData>
    </EventData>
  </Incident>
"""

PH_BASE = doc(V1_HEAD, PH, PH_INCIDENT)

PH_DOMAIN = """            <iodef-phish:DomainData SystemStatus="fraudulent" DomainStatus="assignedAndActive">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
              <iodef-phish:DateDomainWasChecked>2026-04-02T09:00:00Z</iodef-phish:DateDomainWasChecked>
              <iodef-phish:RegistrationDate>2026-03-30T17:22:00Z</iodef-phish:RegistrationDate>
              <iodef-phish:Nameservers>
                <iodef-phish:Server>ns1.parking.test</iodef-phish:Server>
                <Address category="ipv4-addr">203.0.113.53</Address>
              </iodef-phish:Nameservers>
              <Contact role="ext-value" ext-role="hostingProvider" type="organization">
                <ContactName>Bulletproof Hosting Example</ContactName>
              </Contact>
            </iodef-phish:DomainData>
"""

PH_FULL_REPORT = """        <iodef-phish:PhraudReport Version="0.06" FraudType="phishing">
          <iodef-phish:PhishNameRef>APWG-2026-0402-17</iodef-phish:PhishNameRef>
          <iodef-phish:PhishNameLocalRef>BE-KIT-SUSPENDED-7</iodef-phish:PhishNameLocalRef>
          <iodef-phish:FraudParameter>Your online banking access has been suspended</iodef-phish:FraudParameter>
          <iodef-phish:FraudedBrandName>Bank Example</iodef-phish:FraudedBrandName>
          <iodef-phish:FraudedBrandName lang="fr">Banque Exemple</iodef-phish:FraudedBrandName>
          <iodef-phish:LureSource>
            <System category="source" spoofed="no">
              <Node>
                <Address category="ipv4-addr">198.51.100.23</Address>
              </Node>
            </System>
""" + PH_DOMAIN + """            <iodef-phish:IncludedMalware>
              <iodef-phish:Name>suspension-notice.pdf.exe</iodef-phish:Name>
              <iodef-phish:Data XORPattern="A5A5A5A5">4D5A90000300000004000000FFFF0000</iodef-phish:Data>
            </iodef-phish:IncludedMalware>
            <iodef-phish:FilesDownloaded>
              <iodef-phish:File>C:\\Users\\Public\\svchelper.dll</iodef-phish:File>
            </iodef-phish:FilesDownloaded>
            <iodef-phish:WindowsRegistryKeysModified>
              <iodef-phish:Key>
                <iodef-phish:Name>HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\SvcHelper</iodef-phish:Name>
                <iodef-phish:Value>rundll32 C:\\Users\\Public\\svchelper.dll,Start</iodef-phish:Value>
              </iodef-phish:Key>
            </iodef-phish:WindowsRegistryKeysModified>
          </iodef-phish:LureSource>
          <iodef-phish:OriginatingSensor OriginatingSensorType="honeypot">
            <iodef-phish:DateFirstSeen>2026-04-02T08:39:12Z</iodef-phish:DateFirstSeen>
            <System category="sensor">
              <Node>
                <NodeName>trap-03.bank.example</NodeName>
              </Node>
            </System>
          </iodef-phish:OriginatingSensor>
          <iodef-phish:EmailRecord>
            <iodef-phish:EmailCount>1842</iodef-phish:EmailCount>
            <iodef-phish:EmailMessage>Subject: Your online banking access has been suspended</iodef-phish:EmailMessage>
            <iodef-phish:EmailComments>Sent in three waves from a residential botnet.</iodef-phish:EmailComments>
          </iodef-phish:EmailRecord>
          <iodef-phish:DCSite DCType="web">
            <iodef-phish:SiteURL iodef-phish:confidence="100">http://login.bank-example.test/verify</iodef-phish:SiteURL>
          </iodef-phish:DCSite>
          <iodef-phish:TakeDownInfo>
            <iodef-phish:TakeDownDate>2026-04-02T15:00:00Z</iodef-phish:TakeDownDate>
            <iodef-phish:TakeDownAgency>Registrar Example abuse team</iodef-phish:TakeDownAgency>
            <iodef-phish:TakeDownComments>Domain suspended on request.</iodef-phish:TakeDownComments>
          </iodef-phish:TakeDownInfo>
          <iodef-phish:RelatedData>https://reports.bank.example/phish/PH-2026-0041</iodef-phish:RelatedData>
          <iodef-phish:CorrelationData>Same kit as PH-2026-0041</iodef-phish:CorrelationData>
          <iodef-phish:PRComments>Credentials of 12 customers were captured before the takedown.</iodef-phish:PRComments>
        </iodef-phish:PhraudReport>
"""


def ph(new_report=None, edits=(), ns=PH):
    base = PH_BASE if new_report is None else doc(V1_HEAD, ns, PH_INCIDENT.replace(PH_REPORT, new_report))
    return base, list(edits)


def phish_cases():
    valid = [
        ("valid/minimal.xml", "The smallest phishing report: the §6 mandatory elements, one lure source, one sensor, one collection site.", PH_BASE),
        ("valid/full-report.xml", "Every optional part of a PhraudReport: names, lure source with domain data and malware, email record, takedown and correlation.", doc(V1_HEAD, PH, PH_INCIDENT.replace(PH_REPORT, PH_FULL_REPORT))),
        ("valid/collection-site-alternatives.xml", "Four data collection sites, one of each kind (domain, email, address, unknown), with nodes, domain data and an assessment.",
         edit(PH_BASE, [("""          <iodef-phish:DCSite DCType="web">
            <iodef-phish:SiteURL iodef-phish:confidence="90">http://login.bank-example.test/verify</iodef-phish:SiteURL>
          </iodef-phish:DCSite>
""", """          <iodef-phish:DCSite DCType="web">
            <iodef-phish:Domain iodef-phish:confidence="80">bank-example.test</iodef-phish:Domain>
            <Node>
              <Address category="ipv4-addr">203.0.113.80</Address>
            </Node>
            <iodef-phish:DomainData SystemStatus="fraudulent">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
              <iodef-phish:SameDomainContact>Registrant details withheld by a privacy service</iodef-phish:SameDomainContact>
            </iodef-phish:DomainData>
            <Assessment>
              <Impact lang="en" type="info-leak" completion="succeeded"/>
            </Assessment>
          </iodef-phish:DCSite>
          <iodef-phish:DCSite DCType="email">
            <iodef-phish:EmailSite>drop-box@mail.example.test</iodef-phish:EmailSite>
          </iodef-phish:DCSite>
          <iodef-phish:DCSite DCType="automation">
            <iodef-phish:System iodef-phish:confidence="60">
              <Address category="ipv4-addr">203.0.113.81</Address>
            </iodef-phish:System>
          </iodef-phish:DCSite>
          <iodef-phish:DCSite DCType="unspecified">
            <iodef-phish:Unknown>Form posts to a URL shortener that resolves differently per visitor</iodef-phish:Unknown>
          </iodef-phish:DCSite>
""")], "alt")),
        ("valid/fraudtype-ext-value.xml", "A private fraud type: FraudType=\"ext-value\" with the type named in the ext-value attribute.",
         edit(PH_BASE, [('FraudType="phishing"', 'FraudType="ext-value" ext-value="sms-lure"')], "ext")),
        ("valid/malware-distribution.xml", "A malware distribution report (a FraudType with a space) whose malware is identified by an XML Signature Reference.",
         doc(V1_HEAD, PH_DS, PH_INCIDENT.replace(PH_REPORT, edit(PH_REPORT, [('FraudType="phishing"', 'FraudType="malware distribution"'), ("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:IncludedMalware>
              <iodef-phish:Name>invoice-0402.zip</iodef-phish:Name>
              <ds:Reference URI="https://samples.bank.example/2026/invoice-0402.zip">
                <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                <ds:DigestValue>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</ds:DigestValue>
              </ds:Reference>
            </iodef-phish:IncludedMalware>
          </iodef-phish:LureSource>""")], "mal")))),
        ("valid/archive-report.xml", "An archive report: the collection site's files, base64, after a takedown.",
         edit(PH_BASE, [('FraudType="phishing"', 'FraudType="archive"'), ("""          </iodef-phish:DCSite>
""", """          </iodef-phish:DCSite>
          <iodef-phish:TakeDownInfo>
            <iodef-phish:TakeDownAgency>Hosting Example abuse desk</iodef-phish:TakeDownAgency>
          </iodef-phish:TakeDownInfo>
          <iodef-phish:ArchivedData type="collectionsite">
            <iodef-phish:URL>https://evidence.bank.example/PH-2026-0042.tar</iodef-phish:URL>
            <iodef-phish:Comments>Kit files as seized</iodef-phish:Comments>
            <iodef-phish:Data>a2l0L2luZGV4LnBocAo=</iodef-phish:Data>
          </iodef-phish:ArchivedData>
""")], "arch")),
        ("valid/two-eventdata.xml", "Two related phishing events of one incident, each EventData carrying its own PhraudReport.",
         edit(PH_BASE, [("""    </EventData>
""", """    </EventData>
    <EventData>
      <DetectTime>2026-04-02T09:05:00Z</DetectTime>
      <AdditionalData dtype="xml" meaning="second wave">
""" + PH_REPORT.replace('FraudType="phishing"', 'FraudType="recruiting"').replace("Your online banking access has been suspended", "Work from home: payment processor wanted") + """      </AdditionalData>
    </EventData>
""")], "two")),
        ("valid/dns-spoof.xml", "A dnsspoof report whose lure source domain data lists nameservers and contacts by role.",
         doc(V1_HEAD, PH, PH_INCIDENT.replace(PH_REPORT, edit(PH_REPORT, [('FraudType="phishing"', 'FraudType="dnsspoof"'), ("""          <iodef-phish:FraudParameter>Your online banking access has been suspended</iodef-phish:FraudParameter>
""", ""), ("""            </System>
          </iodef-phish:LureSource>""", """            </System>
""" + PH_DOMAIN.replace('SystemStatus="fraudulent"', 'SystemStatus="innocent-hijacked"').replace('DomainStatus="assignedAndActive"', 'DomainStatus="registrarLock"').replace("""              <Contact role="ext-value" ext-role="hostingProvider" type="organization">
                <ContactName>Bulletproof Hosting Example</ContactName>
              </Contact>""", """              <Contact role="ext-value" ext-role="technicalContacts" type="person">
                <ContactName>Zone Admin</ContactName>
              </Contact>
              <Contact role="ext-value" ext-role="abuseContacts" type="organization">
                <Email>abuse@registrar.example</Email>
              </Contact>""") + """          </iodef-phish:LureSource>""")], "dns")))),
    ]
    inv = []

    def bad(name, reqs, purpose, edits, xmllint=None, reason=None, base=PH_BASE):
        inv.append((f"invalid/{name}.xml", reqs, purpose, xmllint, reason, edit(base, edits, name)))

    R = "RFC5901-"
    bad("phraudreport-without-originatingsensor", [R + "5.1-phraudreport"], "A PhraudReport without OriginatingSensor (one or more required).",
        [(PH_REPORT[PH_REPORT.index("          <iodef-phish:OriginatingSensor"):PH_REPORT.index("          <iodef-phish:DCSite")], "")])
    bad("phraudreport-without-fraudtype", [R + "5.1-phraudreport"], "A PhraudReport without its required FraudType attribute.",
        [(' FraudType="phishing"', "")])
    bad("fraudtype-not-enumerated", [R + "5.5-fraudtype"], "FraudType=\"spam\", not one of the nine values.",
        [('FraudType="phishing"', 'FraudType="spam"')])
    bad("luresource-without-system", [R + "5.9-luresource"], "A LureSource holding only DomainData, without the required iodef:System.",
        [("""            <System category="source" spoofed="yes">
              <Node>
                <Address category="ipv4-addr">198.51.100.23</Address>
              </Node>
            </System>
""", """            <iodef-phish:DomainData SystemStatus="fraudulent">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
            </iodef-phish:DomainData>
""")])
    bad("domaindata-without-name", [R + "5.9.2-domaindata"], "A DomainData whose required Name is missing.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:DomainData SystemStatus="fraudulent">
              <iodef-phish:RegistrationDate>2026-03-30T17:22:00Z</iodef-phish:RegistrationDate>
            </iodef-phish:DomainData>
          </iodef-phish:LureSource>""")])
    bad("domainstatus-not-enumerated", [R + "5.9.4-domainstatus"], "DomainStatus=\"parked\", not a registry status of the list.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:DomainData SystemStatus="fraudulent" DomainStatus="parked">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
            </iodef-phish:DomainData>
          </iodef-phish:LureSource>""")])
    bad("includedmalware-without-name", [R + "5.9.5-includedmalware"], "IncludedMalware with Data but no Name (one or more required).",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:IncludedMalware>
              <iodef-phish:Data>4D5A9000</iodef-phish:Data>
            </iodef-phish:IncludedMalware>
          </iodef-phish:LureSource>""")])
    bad("includedmalware-data-not-hex", [R + "5.9.5.3-data"], "IncludedMalware/Data holding base64 text instead of hexBinary.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:IncludedMalware>
              <iodef-phish:Name>notice.exe</iodef-phish:Name>
              <iodef-phish:Data>TVqQAAMAAAAEAAAA</iodef-phish:Data>
            </iodef-phish:IncludedMalware>
          </iodef-phish:LureSource>""")])
    bad("filesdownloaded-two-files", [R + "5.9.6-filesdownloaded"], "FilesDownloaded with two File elements where the schema allows one.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:FilesDownloaded>
              <iodef-phish:File>svchelper.dll</iodef-phish:File>
              <iodef-phish:File>updater.exe</iodef-phish:File>
            </iodef-phish:FilesDownloaded>
          </iodef-phish:LureSource>""")])
    bad("registry-key-without-value", [R + "5.9.7-windowsregistrykeysmodified"], "A modified registry Key with a Name but no Value.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:WindowsRegistryKeysModified>
              <iodef-phish:Key>
                <iodef-phish:Name>HKCU\\Software\\Run\\SvcHelper</iodef-phish:Name>
              </iodef-phish:Key>
            </iodef-phish:WindowsRegistryKeysModified>
          </iodef-phish:LureSource>""")])
    bad("originatingsensor-without-datefirstseen", [R + "5.10-originatingsensor"], "An OriginatingSensor without its DateFirstSeen.",
        [("""            <iodef-phish:DateFirstSeen>2026-04-02T08:39:12Z</iodef-phish:DateFirstSeen>
""", "")])
    bad("originatingsensortype-not-enumerated", [R + "5.10.1-originatingsensortype"], "OriginatingSensorType=\"satellite\", not a sensor type of the list.",
        [('OriginatingSensorType="mailgateway"', 'OriginatingSensorType="satellite"')])
    bad("datefirstseen-not-datetime", [R + "5.10.2-datefirstseen"], "DateFirstSeen written as a date without a time.",
        [("2026-04-02T08:39:12Z</iodef-phish:DateFirstSeen>", "2 April 2026</iodef-phish:DateFirstSeen>")])
    bad("dcsite-two-values", [R + "5.11-dcsite"], "A DCSite with both a SiteURL and a Domain, where exactly one value is allowed.",
        [("""http://login.bank-example.test/verify</iodef-phish:SiteURL>
""", """http://login.bank-example.test/verify</iodef-phish:SiteURL>
            <iodef-phish:Domain>bank-example.test</iodef-phish:Domain>
""")])
    bad("dctype-not-enumerated", [R + "5.11.1-dctype"], "DCType=\"fax\", not a collection method of the list.",
        [('DCType="web"', 'DCType="fax"')])
    bad("confidence-over-100", [R + "5.11.2.1-confidence"], "A collection site confidence of 150, above the maximum of 100.",
        [('iodef-phish:confidence="90"', 'iodef-phish:confidence="150"')])
    bad("takedowninfo-out-of-order", [R + "5.12-takedowninfo"], "TakeDownInfo with TakeDownAgency before TakeDownDate.",
        [("""          </iodef-phish:DCSite>
""", """          </iodef-phish:DCSite>
          <iodef-phish:TakeDownInfo>
            <iodef-phish:TakeDownAgency>Hosting Example abuse desk</iodef-phish:TakeDownAgency>
            <iodef-phish:TakeDownDate>2026-04-02T15:00:00Z</iodef-phish:TakeDownDate>
          </iodef-phish:TakeDownInfo>
""")])
    bad("archiveddata-without-type", [R + "5.13-archiveddata"], "ArchivedData without its required type attribute.",
        [("""          </iodef-phish:DCSite>
""", """          </iodef-phish:DCSite>
          <iodef-phish:ArchivedData>
            <iodef-phish:URL>https://evidence.bank.example/PH-2026-0042.tar</iodef-phish:URL>
          </iodef-phish:ArchivedData>
""")])
    bad("archiveddata-type-not-enumerated", [R + "5.13.1-archiveddata-type"], "ArchivedData type=\"screenshot\", not an archive type of the list.",
        [("""          </iodef-phish:DCSite>
""", """          </iodef-phish:DCSite>
          <iodef-phish:ArchivedData type="screenshot">
            <iodef-phish:URL>https://evidence.bank.example/PH-2026-0042.png</iodef-phish:URL>
          </iodef-phish:ArchivedData>
""")])
    bad("emailrecord-without-count", [R + "5.17-emailrecord"], "An EmailRecord whose required EmailCount is missing.",
        [("""          </iodef-phish:OriginatingSensor>
""", """          </iodef-phish:OriginatingSensor>
          <iodef-phish:EmailRecord>
            <iodef-phish:EmailComments>Sent in three waves.</iodef-phish:EmailComments>
          </iodef-phish:EmailRecord>
""")])
    bad("emailcount-not-integer", [R + "5.17.1-emailcount"], "EmailCount written in words.",
        [("""          </iodef-phish:OriginatingSensor>
""", """          </iodef-phish:OriginatingSensor>
          <iodef-phish:EmailRecord>
            <iodef-phish:EmailCount>about two thousand</iodef-phish:EmailCount>
          </iodef-phish:EmailRecord>
""")])
    # Prose rules.
    bad("phraudreport-in-incident-additionaldata", [R + "5-placement"], "A PhraudReport in the Incident's AdditionalData instead of its EventData's.",
        [("""    <EventData>
      <DetectTime>2026-04-02T08:40:00Z</DetectTime>
      <AdditionalData dtype="xml" meaning="phishing report">
""" + PH_REPORT + """      </AdditionalData>
    </EventData>
""", """    <EventData>
      <DetectTime>2026-04-02T08:40:00Z</DetectTime>
    </EventData>
    <AdditionalData dtype="xml" meaning="phishing report">
""" + PH_REPORT + """    </AdditionalData>
""")], "valid", PROSE + "RFC5901-5-placement (§5 defines PhraudReport only as the content of Incident/EventData/AdditionalData; the lax wildcard of every AdditionalData admits it)")
    bad("phraudreport-directly-in-eventdata", [R + "5-placement"], "A PhraudReport written directly in EventData, without the AdditionalData that carries extensions.",
        [("""      <AdditionalData dtype="xml" meaning="phishing report">
""" + PH_REPORT + """      </AdditionalData>
""", PH_REPORT.replace("\n        ", "\n      ").replace("        <iodef-phish:PhraudReport", "      <iodef-phish:PhraudReport", 1))])
    bad("phraudreport-dtype-string", [R + "5-dtype"], "The AdditionalData carrying the PhraudReport says dtype=\"string\".",
        [('<AdditionalData dtype="xml" meaning="phishing report">', '<AdditionalData dtype="string" meaning="phishing report">')],
        "valid", PROSE + "RFC5901-5-dtype (§5: a PhraudReport extends AdditionalData with a dtype of xml; the schema does not tie dtype to content)")
    bad("version-not-0.06", [R + "5.4-version"], "A PhraudReport with Version=\"1.0\", the schema's default, instead of the 0.06 of §5.4.",
        [('Version="0.06"', 'Version="1.0"')], "valid", PROSE + "RFC5901-5.4-version (§5.4 requires 0.06; the schema types Version as any string with default 1.0)")
    bad("version-missing", [R + "5.4-version"], "A PhraudReport without Version, which §5.4 and §6 require.",
        [(' Version="0.06"', "")], "valid", PROSE + "RFC5901-5.4-version (§5.4 and §6 make Version REQUIRED; the schema leaves it optional)")
    bad("domain-contact-without-ext-role", [R + "5.9.2.6.2.2-ext-role"], "A DomainData Contact with a plain IODEF role and no ext-role.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:DomainData SystemStatus="fraudulent">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
              <Contact role="tech" type="organization">
                <ContactName>Registrar Example</ContactName>
              </Contact>
            </iodef-phish:DomainData>
          </iodef-phish:LureSource>""")], "valid", PROSE + "RFC5901-5.9.2.6.2.2-ext-role (ext-role is REQUIRED on a domain contact; the schema reuses iodef:Contact unchanged)")
    bad("domain-contact-ext-role-unknown", [R + "5.9.2.6.2.2-ext-role"], "A DomainData Contact whose ext-role is not one of the nine RFC 5901 roles.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:DomainData SystemStatus="fraudulent">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
              <Contact role="ext-value" ext-role="registrant" type="person">
                <ContactName>J. Doe</ContactName>
              </Contact>
            </iodef-phish:DomainData>
          </iodef-phish:LureSource>""")], "valid", PROSE + "RFC5901-5.9.2.6.2.2-ext-role (the schema declares the ext-role values as a type that no attribute uses)")
    bad("domaindata-without-systemstatus", [R + "5.9.3-systemstatus"], "A DomainData without the SystemStatus that §5.9.3 requires.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:DomainData DomainStatus="assignedAndActive">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
            </iodef-phish:DomainData>
          </iodef-phish:LureSource>""")], "valid", PROSE + "RFC5901-5.9.3-systemstatus (REQUIRED in §5.9.3; optional in the schema)")
    bad("systemstatus-not-enumerated", [R + "5.9.3-systemstatus"], "SystemStatus=\"compromised\", not one of the five assessments.",
        [("""            </System>
          </iodef-phish:LureSource>""", """            </System>
            <iodef-phish:DomainData SystemStatus="compromised">
              <iodef-phish:Name>bank-example.test</iodef-phish:Name>
            </iodef-phish:DomainData>
          </iodef-phish:LureSource>""")])
    bad("eventdata-without-detecttime", [R + "6-eventdata-detecttime"], "The EventData carrying the PhraudReport has no DetectTime (§6 mandatory).",
        [("""      <DetectTime>2026-04-02T08:40:00Z</DetectTime>
""", "")], "valid", PROSE + "RFC5901-6-eventdata-detecttime (§6 lists EventData/DetectTime among the required elements of a PhraudReport; optional in RFC 5070's schema)")
    bad("assessment-without-impact", [R + "6-assessment-impact"], "A phishing Incident assessed with a TimeImpact only, without the Impact §6 requires.",
        [("""      <Impact lang="en" type="social-engineering" completion="succeeded"/>""", """      <TimeImpact metric="labor" duration="hour">6</TimeImpact>""")],
        "valid", PROSE + "RFC5901-6-assessment-impact (§6 lists Assessment/Impact among the required elements; RFC 5070 accepts any impact class)")
    inv.append(("invalid/phraudreport-in-iodef2-document.xml", [R + "4.3-iodef1"], "A PhraudReport in the EventData of an IODEF 2.0 document: RFC 5901 extends IODEF 1.0 only.", "valid",
                PROSE + "RFC5901-4.3-iodef1 (the phishing extension is defined on RFC 5070; the IODEF 2.0 schema does not import it and its lax wildcard skips it)",
                doc(V2_HEAD, PH, """  <Incident purpose="reporting">
    <IncidentID name="abuse.bank.example">PH-2026-0043</IncidentID>
    <GenerationTime>2026-04-02T10:15:00Z</GenerationTime>
    <Contact role="creator" type="organization">
      <ContactName>Bank Example Fraud Desk</ContactName>
    </Contact>
    <EventData>
      <DetectTime>2026-04-02T08:40:00Z</DetectTime>
      <AdditionalData dtype="xml" meaning="phishing report">
""" + PH_REPORT.replace("<NodeName>mx1.bank.example</NodeName>", '<Address category="ipv4-addr">192.0.2.25</Address>') + """      </AdditionalData>
    </EventData>
  </Incident>
""")))
    return valid, inv


# =============================================================================================
# RFC 5941 Thraud

TH = [("iodef-thraud", "urn:ietf:params:xml:ns:thraud-1.0")]

TH_PAYMENT = """        <iodef-thraud:FraudEventPayment>
          <iodef-thraud:PayeeName>J. Mule Trading</iodef-thraud:PayeeName>
          <iodef-thraud:PayeeAmount currency="USD">2450.00</iodef-thraud:PayeeAmount>
        </iodef-thraud:FraudEventPayment>
"""


def th_incident(record, meaning="fraudulent payment instruction"):
    return """  <Incident purpose="reporting">
    <IncidentID name="fraud.bank.example">TH-2026-0007</IncidentID>
    <ReportTime>2026-05-11T16:00:00Z</ReportTime>
    <Assessment>
      <Impact lang="en" type="info-leak" completion="succeeded"/>
    </Assessment>
    <Contact role="creator" type="organization">
      <ContactName>Bank Example Fraud Operations</ContactName>
      <Email>fraud-ops@bank.example</Email>
      <Telephone>+1 555 0100</Telephone>
    </Contact>
    <EventData>
      <DetectTime>2026-05-11T14:20:00Z</DetectTime>
      <AdditionalData dtype="xml" meaning="%s">
%s      </AdditionalData>
    </EventData>
  </Incident>
""" % (meaning, record)


TH_BASE = doc(V1_HEAD, TH, th_incident(TH_PAYMENT))
TH_TRANSFER = """        <iodef-thraud:FraudEventTransfer>
          <iodef-thraud:BankID namespace="http://www.openauthentication.org/thraud/resources/bank-id-namespace.htm#iso13616_1_2007">DEUTDEFF</iodef-thraud:BankID>
          <iodef-thraud:AccountID>DE89370400440532013000</iodef-thraud:AccountID>
          <iodef-thraud:AccountType lang="en">checking</iodef-thraud:AccountType>
          <iodef-thraud:TransferAmount currency="EUR">9800.00</iodef-thraud:TransferAmount>
        </iodef-thraud:FraudEventTransfer>
"""
TH_IDENTITY_EMAIL = """        <iodef-thraud:FraudEventIdentity>
          <iodef-thraud:IdentityComponent dtype="string" meaning="victim email address"><Email>victim@mail.example</Email></iodef-thraud:IdentityComponent>
        </iodef-thraud:FraudEventIdentity>
"""
TH_IDENTITY_USER = """        <iodef-thraud:FraudEventIdentity>
          <iodef-thraud:IdentityComponent dtype="string" meaning="victim user id">jdoe42</iodef-thraud:IdentityComponent>
        </iodef-thraud:FraudEventIdentity>
"""
TH_OTHER = """        <iodef-thraud:FraudEventOther>
          <iodef-thraud:OtherEventType>urn:example:fraud:gift-card-drain</iodef-thraud:OtherEventType>
          <iodef-thraud:PayeeName>Card Resale Example</iodef-thraud:PayeeName>
          <iodef-thraud:BankID namespace="http://www.openauthentication.org/thraud/resources/bank-id-namespace.htm#iso9362_1994">EXAMUS33</iodef-thraud:BankID>
          <iodef-thraud:AccountID>000123456789</iodef-thraud:AccountID>
          <iodef-thraud:PayeeAmount currency="GBP">500</iodef-thraud:PayeeAmount>
          <iodef-thraud:OtherEventDescription>Gift cards bought with stolen card data and drained within minutes.</iodef-thraud:OtherEventDescription>
        </iodef-thraud:FraudEventOther>
"""


def thraud_cases():
    def with_record(rec, meaning="fraud record"):
        return doc(V1_HEAD, TH, th_incident(rec, meaning))

    valid = [
        ("valid/minimal.xml", "A payment Thraud Record with the profile's mandatory contact components.", TH_BASE),
        ("valid/transfer-iban.xml", "A funds transfer to an IBAN account (electronic form, no spaces) with the amount in EUR.", with_record(TH_TRANSFER)),
        ("valid/identity-email.xml", "An identity fraud record giving the victim's email address as an iodef:Email.", with_record(TH_IDENTITY_EMAIL)),
        ("valid/identity-user-id.xml", "An identity fraud record giving the victim's user id as a string.", with_record(TH_IDENTITY_USER)),
        ("valid/other-event.xml", "A fraud type not yet specified, named by URI, with payee, bank and amount.", with_record(TH_OTHER)),
        ("valid/transfer-bic-account-with-spaces.xml", "A transfer identified by a SWIFT BIC: the account number may keep its own spacing.",
         with_record(TH_TRANSFER.replace("#iso13616_1_2007", "#iso9362_1994").replace("DE89370400440532013000", "0532 0130 00"))),
        ("valid/several-transactions.xml", "One fraud strategy, three transactions: one EventData per Thraud Record.",
         edit(TH_BASE, [("""    </EventData>
""", """    </EventData>
    <EventData>
      <AdditionalData dtype="xml" meaning="second transfer">
""" + TH_TRANSFER + """      </AdditionalData>
    </EventData>
    <EventData>
      <AdditionalData dtype="xml" meaning="account takeover">
""" + TH_IDENTITY_USER + """      </AdditionalData>
    </EventData>
""")], "several")),
        ("valid/analyst-contact.xml", "The recommended components too: the reporting analyst as a nested Contact, a Method and a monetary impact.",
         edit(TH_BASE, [("""      <Telephone>+1 555 0100</Telephone>
    </Contact>""", """      <Telephone>+1 555 0100</Telephone>
      <Contact role="tech" type="person">
        <ContactName>A. Analyst</ContactName>
        <Email>a.analyst@bank.example</Email>
        <Telephone>+1 555 0123</Telephone>
      </Contact>
    </Contact>"""), ("""      <Impact lang="en" type="info-leak" completion="succeeded"/>""", """      <Impact lang="en" type="info-leak" completion="succeeded"/>
      <MonetaryImpact severity="medium" currency="USD">2450</MonetaryImpact>"""), ("""      <DetectTime>2026-05-11T14:20:00Z</DetectTime>
""", """      <DetectTime>2026-05-11T14:20:00Z</DetectTime>
      <Method>
        <Description>Business email compromise: forged change of payee instructions</Description>
      </Method>
""")], "analyst")),
    ]
    inv = []
    R = "RFC5941-"

    def bad(name, reqs, purpose, base, edits, xmllint=None, reason=None):
        inv.append((f"invalid/{name}.xml", reqs, purpose, xmllint, reason, edit(base, edits, name)))

    def prose(rule, why):
        return "valid", PROSE + f"{rule} ({why})"

    T = with_record(TH_TRANSFER)
    O = with_record(TH_OTHER)
    bad("payment-out-of-order", [R + "5.1-payment"], "PayeeAmount before PayeeName in a FraudEventPayment.", TH_BASE,
        [("""          <iodef-thraud:PayeeName>J. Mule Trading</iodef-thraud:PayeeName>
          <iodef-thraud:PayeeAmount currency="USD">2450.00</iodef-thraud:PayeeAmount>
""", """          <iodef-thraud:PayeeAmount currency="USD">2450.00</iodef-thraud:PayeeAmount>
          <iodef-thraud:PayeeName>J. Mule Trading</iodef-thraud:PayeeName>
""")])
    bad("payment-two-payees", [R + "5.1-payment"], "Two PayeeName elements where at most one is allowed.", TH_BASE,
        [("""          <iodef-thraud:PayeeName>J. Mule Trading</iodef-thraud:PayeeName>
""", """          <iodef-thraud:PayeeName>J. Mule Trading</iodef-thraud:PayeeName>
          <iodef-thraud:PayeeName>JM Trading Ltd</iodef-thraud:PayeeName>
""")])
    bad("transfer-unknown-child", [R + "5.2-transfer"], "A FraudEventTransfer with a PayeeName, which only payment and other records have.", T,
        [("""          <iodef-thraud:AccountID>""", """          <iodef-thraud:PayeeName>J. Mule</iodef-thraud:PayeeName>
          <iodef-thraud:AccountID>""")])
    bad("bankid-without-namespace", [R + "5.2.1-bankid"], "A BankID without the namespace that says which numbering it uses.", T,
        [(' namespace="http://www.openauthentication.org/thraud/resources/bank-id-namespace.htm#iso13616_1_2007"', "")])
    bad("identity-without-component", [R + "5.3-identity"], "A FraudEventIdentity with no IdentityComponent (one or more required).", with_record(TH_IDENTITY_USER),
        [("""          <iodef-thraud:IdentityComponent dtype="string" meaning="victim user id">jdoe42</iodef-thraud:IdentityComponent>
""", "")])
    bad("identitycomponent-without-dtype", [R + "5.3-identity"], "An IdentityComponent without dtype, which iodef:ExtensionType requires.", with_record(TH_IDENTITY_USER),
        [('IdentityComponent dtype="string" meaning="victim user id"', 'IdentityComponent meaning="victim user id"')])
    bad("other-without-othereventtype", [R + "5.4-other"], "A FraudEventOther without the OtherEventType that names the kind of fraud.", O,
        [("""          <iodef-thraud:OtherEventType>urn:example:fraud:gift-card-drain</iodef-thraud:OtherEventType>
""", "")])
    bad("amount-not-decimal", [R + "5.5-amount"], "A PayeeAmount with a decimal comma.", TH_BASE,
        [(">2450.00<", ">2450,00<")])
    bad("payment-empty", [R + "5.1-payment-component"], "An empty FraudEventPayment.", TH_BASE,
        [(TH_PAYMENT, """        <iodef-thraud:FraudEventPayment/>
""")], *prose("RFC5941-5.1-payment-component", "§5.1: at least one component MUST be present; every child is optional in the schema"))
    bad("transfer-empty", [R + "5.2-transfer-component"], "An empty FraudEventTransfer.", T,
        [(TH_TRANSFER, """        <iodef-thraud:FraudEventTransfer></iodef-thraud:FraudEventTransfer>
""")], *prose("RFC5941-5.2-transfer-component", "§5.2: at least one component MUST be present; every child is optional in the schema"))
    bad("amount-without-currency", [R + "5.5.2-currency"], "A PayeeAmount without currency.", TH_BASE,
        [(' currency="USD"', "")], *prose("RFC5941-5.5.2-currency", "§5.5.2 makes the currency REQUIRED; optional in the schema"))
    bad("currency-lower-case", [R + "5.5.2-currency"], "A currency written usd, not as the ISO 4217 code USD.", TH_BASE,
        [('currency="USD"', 'currency="usd"')], *prose("RFC5941-5.5.2-currency", "§5.5.2: a three-letter ISO 4217 code; the schema accepts any string"))
    bad("currency-numeric-code", [R + "5.5.2-currency"], "A transfer amount with the numeric ISO 4217 code 978 instead of EUR.", T,
        [('currency="EUR"', 'currency="978"')], *prose("RFC5941-5.5.2-currency", "§5.5.2: the three-letter code; the schema accepts any string"))
    bad("iban-with-spaces", [R + "5.2.2-iban"], "An IBAN account number in its printed form, with spaces.", T,
        [(">DE89370400440532013000<", ">DE89 3704 0044 0532 0130 00<")], *prose("RFC5941-5.2.2-iban", "§5.2.2: the IBAN in electronic form; AccountID is any string in the schema"))
    bad("identity-email-dtype-xml", [R + "5.3.1-identity-component"], "A victim email address given with dtype=\"xml\" instead of \"string\".", with_record(TH_IDENTITY_EMAIL),
        [('dtype="string" meaning="victim email address"', 'dtype="xml" meaning="victim email address"')], *prose("RFC5941-5.3.1-identity-component", "§5.3.1.1 sets dtype to string; the schema accepts any dtype"))
    bad("identity-email-as-text", [R + "5.3.1-identity-component"], "A victim email address given as text rather than an iodef:Email.", with_record(TH_IDENTITY_EMAIL),
        [("<Email>victim@mail.example</Email>", "victim@mail.example")], *prose("RFC5941-5.3.1-identity-component", "§5.3.1.1 places an iodef:Email in the component; the schema's wildcard also accepts text"))
    bad("identity-user-id-dtype-integer", [R + "5.3.1-identity-component"], "A victim user id given with dtype=\"integer\".", with_record(TH_IDENTITY_USER.replace("jdoe42", "42")),
        [('dtype="string" meaning="victim user id"', 'dtype="integer" meaning="victim user id"')], *prose("RFC5941-5.3.1-identity-component", "§5.3.1.2: the user id is an xs:string with dtype string"))
    bad("two-records-in-one-additionaldata", [R + "4-one-record"], "One AdditionalData carrying a payment and a transfer record.", TH_BASE,
        [(TH_PAYMENT, TH_PAYMENT + TH_TRANSFER)], *prose("RFC5941-4-one-record", "§4 and §6.1: exactly one Thraud Record per AdditionalData; the wildcard admits any number"))
    bad("record-with-sibling-element", [R + "4-one-record"], "A Thraud Record sharing its AdditionalData with an element of another extension.",
        doc(V1_HEAD, TH + [("iodef-note", "urn:example:xml:ns:iodef-note-1.0")], th_incident(TH_PAYMENT)),
        [(TH_PAYMENT, TH_PAYMENT + """        <iodef-note:AnalystNote>Payee seen in two earlier cases.</iodef-note:AnalystNote>
""")], *prose("RFC5941-4-one-record", "§4: the AdditionalData holds exactly one Thraud Record; the wildcard admits any elements"))
    bad("record-in-incident-additionaldata", [R + "4-placement"], "A Thraud Record in the Incident's AdditionalData instead of an EventData's.", TH_BASE,
        [("""    <EventData>
      <DetectTime>2026-05-11T14:20:00Z</DetectTime>
      <AdditionalData dtype="xml" meaning="fraudulent payment instruction">
""" + TH_PAYMENT + """      </AdditionalData>
    </EventData>
""", """    <EventData>
      <DetectTime>2026-05-11T14:20:00Z</DetectTime>
    </EventData>
    <AdditionalData dtype="xml" meaning="fraudulent payment instruction">
""" + TH_PAYMENT + """    </AdditionalData>
""")], *prose("RFC5941-4-placement", "§4: the Thraud Record is the content of EventData's AdditionalData; every AdditionalData's wildcard admits it"))
    bad("record-in-recorditem", [R + "4-placement"], "A Thraud Record carried in a RecordItem of the event's Record.", TH_BASE,
        [("""      <AdditionalData dtype="xml" meaning="fraudulent payment instruction">
""" + TH_PAYMENT + """      </AdditionalData>
""", """      <Record>
        <RecordData>
          <RecordItem dtype="xml" meaning="fraudulent payment instruction">
""" + TH_PAYMENT.replace("\n        ", "\n          ").replace("        <iodef-thraud:FraudEventPayment>", "          <iodef-thraud:FraudEventPayment>") + """          </RecordItem>
        </RecordData>
      </Record>
""")], *prose("RFC5941-4-placement", "§4: the Thraud Record is the content of EventData's AdditionalData; RecordItem's wildcard admits it too"))
    bad("record-dtype-string", [R + "5-dtype"], "The AdditionalData carrying the Thraud Record says dtype=\"string\".", TH_BASE,
        [('AdditionalData dtype="xml"', 'AdditionalData dtype="string"')], *prose("RFC5941-5-dtype", "§5: the carrier's dtype SHALL be xml; the schema does not tie dtype to content"))
    bad("contact-without-telephone", [R + "6.1-contact"], "The reporting organisation's Contact has no Telephone (§6.1 mandatory).", TH_BASE,
        [("""      <Telephone>+1 555 0100</Telephone>
""", "")], *prose("RFC5941-6.1-contact", "§6.1 makes Contact's ContactName, Email and Telephone mandatory in a Thraud Report; optional in RFC 5070"))
    bad("contact-without-email", [R + "6.1-contact"], "The reporting organisation's Contact has no Email (§6.1 mandatory).", TH_BASE,
        [("""      <Email>fraud-ops@bank.example</Email>
""", "")], *prose("RFC5941-6.1-contact", "§6.1 makes Contact's ContactName, Email and Telephone mandatory in a Thraud Report; optional in RFC 5070"))
    inv.append(("invalid/record-in-iodef2-document.xml", [R + "4-iodef1"], "A Thraud Record in an IODEF 2.0 document: a Thraud Report is an RFC 5070 IODEF-Document.", "valid",
                PROSE + "RFC5941-4-iodef1 (§4: a Thraud Report is an IODEF-Document of RFC 5070; the IODEF 2.0 schema's lax wildcard skips the unknown namespace)",
                doc(V2_HEAD, TH, """  <Incident purpose="reporting">
    <IncidentID name="fraud.bank.example">TH-2026-0008</IncidentID>
    <GenerationTime>2026-05-11T16:00:00Z</GenerationTime>
    <Contact role="creator" type="organization">
      <ContactName>Bank Example Fraud Operations</ContactName>
    </Contact>
    <EventData>
      <AdditionalData dtype="xml" meaning="fraudulent payment instruction">
""" + TH_PAYMENT + """      </AdditionalData>
    </EventData>
  </Incident>
""")))
    return valid, inv


# =============================================================================================
# RFC 7203 SCI

SC = [("iodef-sci", "urn:ietf:params:xml:ns:iodef-sci-1.0")]
MMDEF = "urn:ietf:params:xml:ns:mile:mmdef:1.2"

SC_INCIDENT = """  <Incident purpose="reporting">
    <IncidentID name="csirt.example.org">SCI-2026-0311</IncidentID>
    <ReportTime>2026-06-20T09:30:00Z</ReportTime>
    <Assessment>
      <Impact lang="en" type="admin" completion="succeeded"/>
    </Assessment>
    <Method>
      <Description>Dropper delivered through a forged invoice</Description>
      <AdditionalData dtype="xml" meaning="attack pattern">
        <iodef-sci:AttackPattern SpecID="urn:ietf:params:xml:ns:mile:mmdef:1.2" ContentID="mmdef-2026-17"/>
      </AdditionalData>
    </Method>
    <Contact role="creator" type="organization">
      <ContactName>Example CSIRT</ContactName>
      <Email>csirt@example.org</Email>
    </Contact>
  </Incident>
"""
SC_BASE = doc(V1_HEAD, SC, SC_INCIDENT)
SC_AP = """        <iodef-sci:AttackPattern SpecID="urn:ietf:params:xml:ns:mile:mmdef:1.2" ContentID="mmdef-2026-17"/>
"""
SC_METHOD_AD = """      <AdditionalData dtype="xml" meaning="attack pattern">
""" + SC_AP + """      </AdditionalData>
"""
SC_EVENT = """    <EventData>
      <Flow>
        <System category="target">
          <Node>
            <Address category="ipv4-addr">192.0.2.41</Address>
          </Node>
          <AdditionalData dtype="xml" meaning="platform of the target">
            <iodef-sci:Platform SpecID="private" ext-SpecID="urn:example:platform-inventory" ContentID="web-07"/>
          </AdditionalData>
        </System>
      </Flow>
      <Record>
        <RecordData>
          <RecordItem dtype="xml" meaning="event report of the host sensor">
            <iodef-sci:EventReport SpecID="private" ext-SpecID="urn:example:edr-events" ContentID="evt-558301"/>
          </RecordItem>
        </RecordData>
      </Record>
    </EventData>
"""
SC_RAW = """        <iodef-sci:AttackPattern SpecID="urn:ietf:params:xml:ns:mile:mmdef:1.2">
          <iodef-sci:RawData dtype="xml">
            <mmdef:malwareMetaData xmlns:mmdef="http://xml/metadataSharing.xsd" version="1.2" id="csirt-17">
              <mmdef:company>Example CSIRT</mmdef:company>
              <mmdef:author>sample triage</mmdef:author>
              <mmdef:objects>
                <mmdef:file id="invoice">
                  <mmdef:md5>0cc175b9c0f1b6a831c399e269772661</mmdef:md5>
                  <mmdef:filename>invoice-0620.zip</mmdef:filename>
                </mmdef:file>
              </mmdef:objects>
            </mmdef:malwareMetaData>
          </iodef-sci:RawData>
        </iodef-sci:AttackPattern>
"""
SC_VULN = """        <iodef-sci:Vulnerability SpecID="private" ext-SpecID="urn:example:vuln-db" ContentID="VDB-2026-0099">
          <iodef-sci:Platform SpecID="private" ext-SpecID="urn:example:platform-inventory" ContentID="web-framework-4.2"/>
          <iodef-sci:Scoring SpecID="private" ext-SpecID="urn:example:severity" ContentID="score-9.8"/>
        </iodef-sci:Vulnerability>
"""
SC_WEAK = """        <iodef-sci:Weakness SpecID="private" ext-SpecID="urn:example:weakness-list">
          <Reference>
            <ReferenceName>Deserialisation of untrusted data</ReferenceName>
            <URL>https://weakness.example/entries/502</URL>
          </Reference>
        </iodef-sci:Weakness>
"""
SC_INC_AD = """    <AdditionalData dtype="xml" meaning="how to check for the compromise">
      <iodef-sci:Verification SpecID="private" ext-SpecID="urn:example:checklists" ContentID="check-deser-01"/>
    </AdditionalData>
    <AdditionalData dtype="xml" meaning="remediation instructions">
      <iodef-sci:Remediation SpecID="private" ext-SpecID="urn:example:playbooks" ContentID="patch-framework-4.2.1"/>
    </AdditionalData>
"""


def sci_cases():
    def with_ap(ap):
        return SC_BASE.replace(SC_AP, ap)

    def with_event(base=SC_BASE):
        return base.replace("""    </Contact>
  </Incident>""", """    </Contact>
""" + SC_EVENT.rstrip("\n") + """
  </Incident>""")

    def with_inc(base=SC_BASE):
        return base.replace("""  </Incident>""", SC_INC_AD + """  </Incident>""")

    EV = with_event()
    INC = with_inc()
    valid = [
        ("valid/minimal.xml", "An AttackPattern naming its MMDEF record by ContentID, in Method/AdditionalData.", SC_BASE),
        ("valid/attackpattern-rawdata-mmdef.xml", "An AttackPattern embedding a malware metadata document (written for this corpus) in RawData.", with_ap(SC_RAW)),
        ("valid/vulnerability-platform-scoring.xml", "A privately specified Vulnerability with the affected Platform and its Scoring.", with_ap(SC_VULN)),
        ("valid/weakness-reference.xml", "A Weakness pointing to its entry with an IODEF 1.0 Reference.", with_ap(SC_WEAK)),
        ("valid/method-three-classes.xml", "AttackPattern, Vulnerability and Weakness in one Method/AdditionalData.", with_ap(SC_AP + SC_VULN + SC_WEAK)),
        ("valid/system-platform-recorditem-eventreport.xml", "A Platform in System/AdditionalData and an EventReport in a RecordItem.", EV),
        ("valid/incident-verification-remediation.xml", "Verification and Remediation in the Incident's AdditionalData.", INC),
        ("valid/every-class.xml", "All eight classes, each at its extension point.", with_inc(with_event(with_ap(SC_AP + SC_VULN + SC_WEAK)))),
    ]
    warn = [("valid/contentid-and-rawdata.xml", ["RFC7203-4.4-single-form"], "An AttackPattern with both a ContentID and RawData: allowed, but only one form should be used (warning).",
             with_ap(SC_RAW.replace('mmdef:1.2">', 'mmdef:1.2" ContentID="mmdef-2026-17">', 1)))]
    inv = []
    R = "RFC7203-"

    def bad(name, reqs, purpose, base, edits, xmllint=None, reason=None):
        inv.append((f"invalid/{name}.xml", reqs, purpose, xmllint, reason, edit(base, edits, name)))

    def prose(rule, why):
        return "valid", PROSE + f"{rule} ({why})"

    bad("attackpattern-without-specid", [R + "4.5.1-attackpattern"], "An AttackPattern without its required SpecID.", SC_BASE,
        [('SpecID="urn:ietf:params:xml:ns:mile:mmdef:1.2" ContentID', 'ContentID')])
    bad("attackpattern-rawdata-and-reference", [R + "4.5.1-attackpattern"], "An AttackPattern with RawData followed by a Reference: the schema's choice allows one kind.", with_ap(SC_RAW),
        [("""          </iodef-sci:RawData>
""", """          </iodef-sci:RawData>
          <Reference>
            <ReferenceName>MMDEF record csirt-17</ReferenceName>
          </Reference>
""")])
    bad("attackpattern-with-scoring", [R + "4.5.1-attackpattern"], "A Scoring inside an AttackPattern, which aggregates only RawData, Reference and Platform.", SC_BASE,
        [(SC_AP, """        <iodef-sci:AttackPattern SpecID="urn:ietf:params:xml:ns:mile:mmdef:1.2" ContentID="mmdef-2026-17">
          <iodef-sci:Scoring SpecID="private" ext-SpecID="urn:example:severity" ContentID="high"/>
        </iodef-sci:AttackPattern>
""")])
    bad("platform-without-specid", [R + "4.5.2-platform"], "A Platform in System/AdditionalData without SpecID.", EV,
        [('<iodef-sci:Platform SpecID="private" ext-SpecID="urn:example:platform-inventory" ContentID="web-07"/>', '<iodef-sci:Platform ContentID="web-07"/>')])
    bad("vulnerability-scoring-before-platform", [R + "4.5.3-vulnerability"], "A Vulnerability listing Scoring before Platform.", with_ap(SC_VULN),
        [("""          <iodef-sci:Platform SpecID="private" ext-SpecID="urn:example:platform-inventory" ContentID="web-framework-4.2"/>
          <iodef-sci:Scoring SpecID="private" ext-SpecID="urn:example:severity" ContentID="score-9.8"/>
""", """          <iodef-sci:Scoring SpecID="private" ext-SpecID="urn:example:severity" ContentID="score-9.8"/>
          <iodef-sci:Platform SpecID="private" ext-SpecID="urn:example:platform-inventory" ContentID="web-framework-4.2"/>
""")])
    bad("scoring-without-specid", [R + "4.5.4-scoring"], "A Scoring inside a Vulnerability without SpecID.", with_ap(SC_VULN),
        [('<iodef-sci:Scoring SpecID="private" ext-SpecID="urn:example:severity" ContentID="score-9.8"/>', '<iodef-sci:Scoring ContentID="score-9.8"/>')])
    bad("weakness-with-remediation", [R + "4.5.5-weakness"], "A Remediation inside a Weakness, which aggregates no such class.", with_ap(SC_WEAK),
        [("""          </Reference>
""", """          </Reference>
          <iodef-sci:Remediation SpecID="private" ext-SpecID="urn:example:playbooks" ContentID="patch"/>
""")])
    bad("eventreport-without-specid", [R + "4.5.6-eventreport"], "An EventReport in a RecordItem without SpecID.", EV,
        [('<iodef-sci:EventReport SpecID="private" ext-SpecID="urn:example:edr-events" ContentID="evt-558301"/>', '<iodef-sci:EventReport ContentID="evt-558301"/>')])
    bad("verification-with-text", [R + "4.5.7-verification"], "A Verification holding free text, where only RawData or Reference may appear.", INC,
        [('<iodef-sci:Verification SpecID="private" ext-SpecID="urn:example:checklists" ContentID="check-deser-01"/>',
          '<iodef-sci:Verification SpecID="private" ext-SpecID="urn:example:checklists" ContentID="check-deser-01">look for the dropped jar</iodef-sci:Verification>')])
    bad("remediation-without-specid", [R + "4.5.8-remediation"], "A Remediation in the Incident's AdditionalData without SpecID.", INC,
        [('<iodef-sci:Remediation SpecID="private" ext-SpecID="urn:example:playbooks" ContentID', '<iodef-sci:Remediation ContentID')])
    bad("rawdata-dtype-string", [R + "4.2-xmldata"], "A RawData with dtype=\"string\": XMLDATA fixes dtype to xml.", with_ap(SC_RAW),
        [('<iodef-sci:RawData dtype="xml">', '<iodef-sci:RawData dtype="string">')])
    bad("rawdata-with-ext-dtype", [R + "4.2-xmldata"], "A RawData with an ext-dtype attribute, which XMLDATA prohibits.", with_ap(SC_RAW),
        [('<iodef-sci:RawData dtype="xml">', '<iodef-sci:RawData dtype="xml" ext-dtype="mmdef">')])
    bad("specid-private-without-ext-specid", [R + "4.4-ext-specid"], "SpecID=\"private\" without the ext-SpecID that names the private specification.", with_ap(SC_VULN),
        [('<iodef-sci:Vulnerability SpecID="private" ext-SpecID="urn:example:vuln-db"', '<iodef-sci:Vulnerability SpecID="private"')],
        *prose("RFC7203-4.4-ext-specid", "§4.4: with SpecID private, ext-SpecID MUST be used; the schema leaves ext-SpecID optional"))
    bad("ext-specid-without-private", [R + "4.4-ext-specid"], "An ext-SpecID next to a registered SpecID.", SC_BASE,
        [('SpecID="urn:ietf:params:xml:ns:mile:mmdef:1.2" ContentID', 'SpecID="urn:ietf:params:xml:ns:mile:mmdef:1.2" ext-SpecID="urn:example:mmdef-local" ContentID')],
        *prose("RFC7203-4.4-ext-specid", "§4.4: ext-SpecID MUST be used only with SpecID private; the schema does not relate the two"))
    bad("attackpattern-conveys-nothing", [R + "4.4-content"], "An AttackPattern with neither ContentID, RawData nor Reference.", SC_BASE,
        [(' ContentID="mmdef-2026-17"', "")], *prose("RFC7203-4.4-content", "§4.4: one of ContentID, RawData and Reference MUST be used; all are optional in the schema"))
    bad("attackpattern-in-incident-additionaldata", [R + "4.5-placement"], "An AttackPattern in the Incident's AdditionalData rather than Method's.", SC_BASE,
        [(SC_METHOD_AD, ""), ("""  </Incident>""", """    <AdditionalData dtype="xml" meaning="attack pattern">
  """ + SC_AP.replace("\n", "") + """
    </AdditionalData>
  </Incident>""")], *prose("RFC7203-4.5-placement", "§4.5.1: AttackPattern extends Method/AdditionalData; every AdditionalData's lax wildcard admits it"))
    bad("verification-in-method-additionaldata", [R + "4.5-placement"], "A Verification in Method/AdditionalData rather than the Incident's.", SC_BASE,
        [(SC_AP, """        <iodef-sci:Verification SpecID="private" ext-SpecID="urn:example:checklists" ContentID="check-deser-01"/>
""")], *prose("RFC7203-4.5-placement", "§4.5.7: Verification extends Incident/AdditionalData; the lax wildcard admits it anywhere"))
    bad("platform-in-method-additionaldata", [R + "4.5-placement"], "A Platform on its own in Method/AdditionalData, rather than in System or an attack pattern.", SC_BASE,
        [(SC_AP, """        <iodef-sci:Platform SpecID="private" ext-SpecID="urn:example:platform-inventory" ContentID="web-07"/>
""")], *prose("RFC7203-4.5-placement", "§4.5.2: Platform extends System/AdditionalData or sits inside AttackPattern, Vulnerability, Weakness"))
    bad("eventreport-in-additionaldata", [R + "4.5-placement"], "An EventReport in Method/AdditionalData rather than a RecordItem.", SC_BASE,
        [(SC_AP, """        <iodef-sci:EventReport SpecID="private" ext-SpecID="urn:example:edr-events" ContentID="evt-558301"/>
""")], *prose("RFC7203-4.5-placement", "§4.5.6: EventReport extends RecordItem; the lax wildcard of AdditionalData admits it"))
    bad("scoring-on-its-own", [R + "4.5-placement"], "A Scoring directly in Method/AdditionalData, outside a Vulnerability or Weakness.", SC_BASE,
        [(SC_AP, """        <iodef-sci:Scoring SpecID="private" ext-SpecID="urn:example:severity" ContentID="score-9.8"/>
""")], *prose("RFC7203-4.5-placement", "§4.5.4: Scoring is aggregated by Vulnerability and Weakness; the lax wildcard admits it alone"))
    bad("attackpattern-directly-in-method", [R + "4.5-placement"], "An AttackPattern written directly in an IODEF 1.0 Method, as IODEF 2.0 allows, without AdditionalData.", SC_BASE,
        [(SC_METHOD_AD, "  " + SC_AP.replace("        <", "    <"))])
    bad("attackpattern-carrier-dtype-string", [R + "4.5-dtype"], "The Method/AdditionalData carrying the AttackPattern says dtype=\"string\".", SC_BASE,
        [('<AdditionalData dtype="xml" meaning="attack pattern">', '<AdditionalData dtype="string" meaning="attack pattern">')],
        *prose("RFC7203-4.5-dtype", "§4.5.1: the class extends AdditionalData with a dtype of xml; the schema does not tie dtype to content"))
    bad("eventreport-recorditem-dtype-string", [R + "4.5-dtype"], "The RecordItem carrying the EventReport says dtype=\"string\".", EV,
        [('<RecordItem dtype="xml" meaning="event report of the host sensor">', '<RecordItem dtype="string" meaning="event report of the host sensor">')],
        *prose("RFC7203-4.5-dtype", "§4.5.6: EventReport extends RecordItem with a dtype of xml; the schema does not tie dtype to content"))
    return valid, warn, inv


# =============================================================================================

def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def write(folder, title, valid, warn, inv):
    d = os.path.join(ROOT, "corpus", folder)
    for sub in ("valid", "invalid"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
        for f in os.listdir(os.path.join(d, sub)):
            if f.endswith(".xml"):
                os.remove(os.path.join(d, sub, f))
    lines = [f"# {title}", "# Generated by corpus/tools/ext_corpus.py (do not edit by hand).", ""]
    for f, purpose, text in valid:
        open(os.path.join(d, f), "w").write(text)
        lines += ["[[doc]]", f"file = {toml_str(f)}", 'verdict = "valid"', f"purpose = {toml_str(purpose)}", ""]
    for f, warnings, purpose, text in warn:
        open(os.path.join(d, f), "w").write(text)
        lines += ["[[doc]]", f"file = {toml_str(f)}", 'verdict = "valid"', f"warnings = {json.dumps(warnings)}", f"purpose = {toml_str(purpose)}", ""]
    for f, reqs, purpose, xl, reason, text in inv:
        open(os.path.join(d, f), "w").write(text)
        lines += ["[[doc]]", f"file = {toml_str(f)}", 'verdict = "invalid"', f"requirements = {json.dumps(reqs)}", f"purpose = {toml_str(purpose)}"]
        if xl:
            lines += [f"xmllint = {toml_str(xl)}", f"xmllint_reason = {toml_str(reason)}"]
        lines.append("")
    open(os.path.join(d, "manifest.toml"), "w").write("\n".join(lines))
    return d


def check(d, schema, valid, warn, inv):
    mile = os.path.join(ROOT, "target", "debug", "mile")
    bad = 0
    entries = [(f, [], "valid", None) for f, _, _ in valid] + [(f, [], "valid", None) for f, _, _, _ in warn] + [(f, r, "invalid", xl) for f, r, _, xl, _, _ in inv]
    for f, reqs, verdict, xl in entries:
        p = os.path.join(d, f)
        out = subprocess.run([mile, "validate", "--format", "json", p], capture_output=True, text=True)
        j = json.loads(out.stdout)["documents"][0]
        got = sorted({x["requirement"] for x in j["diagnostics"] if x["severity"] == "error"})
        sch = "iodef-2.0.xsd" if "ns:iodef-2.0\"" in open(p).read() else schema
        x = subprocess.run([os.path.join(SPEC, "xmllint-offline.sh"), sch, p], capture_output=True, text=True)
        xv = {0: "valid", 3: "invalid"}.get(x.returncode, f"rc{x.returncode}")
        want_x = xl or verdict
        ok = j["verdict"] == verdict and (verdict == "valid" or got == sorted(reqs)) and xv == want_x
        if not ok:
            bad += 1
            print(f"MISMATCH {f}: mile {j['verdict']} {got} (want {verdict} {reqs}); xmllint {xv} (want {want_x}) {x.stderr.strip()[:300]}")
    print(f"{d}: {len(entries)} documents, {bad} mismatches")


def main():
    pv, pi = phish_cases()
    tv, ti = thraud_cases()
    sv, sw, si = sci_cases()
    sets = [
        ("iodef-phish-1.0", "RFC 5901 phishing extension corpus (IODEF 1.0 documents carrying PhraudReport).", "iodef-phish-1.0.xsd", pv, [], pi),
        ("thraud-1.0", "RFC 5941 Thraud extension corpus (IODEF 1.0 documents carrying Thraud Records).", "thraud-1.0.xsd", tv, [], ti),
        ("iodef-sci-1.0", "RFC 7203 IODEF-SCI extension corpus (IODEF 1.0 documents carrying SCI classes).", "iodef-sci-1.0.xsd", sv, sw, si),
    ]
    for folder, title, schema, v, w, i in sets:
        d = write(folder, title, v, w, i)
        if "--check" in sys.argv:
            check(d, schema, v, w, i)


if __name__ == "__main__":
    main()
