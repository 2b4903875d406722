//! A RID message (RFC 6545 §5) as a small Rust value, read from a validated element tree and
//! written back as a valid document.

use crate::xml::tree::{Element, Node};
use std::fmt;

/// The RID namespace (RFC 6545 §5.4).
pub const NS: &str = "urn:ietf:params:xml:ns:iodef-rid-2.0";
/// The IODEF 1.0 namespace carried by RID (RFC 5070).
pub const IODEF1: &str = "urn:ietf:params:xml:ns:iodef-1.0";

macro_rules! rid_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $lit:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vm])* $variant,)+
            /// `ext-value` with the private value of the matching `ext-*` attribute.
            Ext(String),
        }

        impl $name {
            /// Every value the RFC lists (without `ext-value`).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The attribute value (`ext-value` for an extension).
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $lit,)+
                    $name::Ext(_) => "ext-value",
                }
            }

            /// The private value of an extension.
            pub fn ext(&self) -> Option<&str> {
                match self {
                    $name::Ext(v) => Some(v),
                    _ => None,
                }
            }

            /// From an attribute value and its `ext-*` companion.
            pub fn parse(value: &str, ext: Option<&str>) -> Option<$name> {
                match value.trim() {
                    $($lit => Some($name::$variant),)+
                    "ext-value" => Some($name::Ext(ext.unwrap_or("").to_string())),
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $name::Ext(v) => write!(f, "ext-value ({v})"),
                    other => f.write_str(other.as_str()),
                }
            }
        }
    };
}

rid_enum!(
    /// RIDPolicy@MsgType (RFC 6545 §5.1).
    MsgType {
        /// A Request tracing an attack hop by hop.
        TraceRequest = "TraceRequest",
        /// The status of a Request, or why a message was not accepted.
        Acknowledgement = "Acknowledgement",
        /// The outcome of a Request.
        Result = "Result",
        /// A Request to investigate an incident whose source is believed valid.
        InvestigationRequest = "InvestigationRequest",
        /// An incident report; no action requested.
        Report = "Report",
        /// A request for information, answered by a Report.
        Query = "Query",
    }
);

rid_enum!(
    /// RIDPolicy@MsgDestination (RFC 6545 §5.1).
    MsgDestination {
        /// Node is the next RID system.
        RidSystem = "RIDSystem",
        /// Node is the source of the incident.
        SourceOfIncident = "SourceOfIncident",
    }
);

rid_enum!(
    /// PolicyRegion@region (RFC 6545 §5.1).
    PolicyRegion {
        /// Client to service provider.
        ClientToSp = "ClientToSP",
        /// Service provider to client.
        SpToClient = "SPToClient",
        /// Within a consortium.
        IntraConsortium = "IntraConsortium",
        /// Peer to peer.
        PeerToPeer = "PeerToPeer",
        /// Between consortiums.
        BetweenConsortiums = "BetweenConsortiums",
    }
);

rid_enum!(
    /// TrafficType@type (RFC 6545 §5.1).
    TrafficType {
        /// An attack.
        Attack = "Attack",
        /// Network traffic or routing.
        Network = "Network",
        /// Content with regional restrictions.
        Content = "Content",
        /// Data with handling requirements.
        DataWithHandlingRequirements = "DataWithHandlingRequirements",
        /// Restricted-audience content.
        AudienceRestriction = "AudienceRestriction",
        /// Something else (described in the IODEF document).
        Other = "Other",
    }
);

rid_enum!(
    /// RequestStatus@AuthorizationStatus (RFC 6545 §5.2).
    AuthorizationStatus {
        /// Approved: the request proceeds here.
        Approved = "Approved",
        /// Denied.
        Denied = "Denied",
        /// Awaiting approval.
        Pending = "Pending",
    }
);

rid_enum!(
    /// RequestStatus@Justification (RFC 6545 §5.2).
    Justification {
        /// A resource problem on the receiving system.
        SystemResource = "SystemResource",
        /// The enveloped signature did not validate.
        Authentication = "Authentication",
        /// The originator's detached signature did not validate.
        AuthenticationOrigin = "AuthenticationOrigin",
        /// The message could not be decrypted.
        Encryption = "Encryption",
        /// The format was not recognised.
        UnrecognizedFormat = "UnrecognizedFormat",
        /// The message cannot be processed (policy, law).
        CannotProcess = "CannotProcess",
        /// Another reason.
        Other = "Other",
    }
);

/// `restriction` (IODEF 1.0 restriction-type, used by the RID classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Restriction {
    /// Pre-arranged policy.
    Default,
    /// May be shared freely.
    Public,
    /// Only to parties with a need to know.
    NeedToKnow,
    /// Not to be shared.
    Private,
}

impl Restriction {
    /// Every value.
    pub const ALL: &'static [Restriction] =
        &[Restriction::Default, Restriction::Public, Restriction::NeedToKnow, Restriction::Private];

    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Restriction::Default => "default",
            Restriction::Public => "public",
            Restriction::NeedToKnow => "need-to-know",
            Restriction::Private => "private",
        }
    }

    /// From an attribute value.
    pub fn parse(v: &str) -> Option<Restriction> {
        Restriction::ALL.iter().copied().find(|r| r.as_str() == v.trim())
    }
}

/// An IODEF 1.0 IncidentID (`name`, the identifier, optional `instance`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct IncidentId {
    /// The CSIRT that assigned it.
    pub name: String,
    /// The identifier.
    pub value: String,
    /// Instance (a divergent path of a trace, RFC 6545 §5.1).
    pub instance: Option<String>,
}

/// An address of an IODEF 1.0 Node.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Address {
    /// `category` (default `ipv4-addr`).
    pub category: String,
    /// The address.
    pub value: String,
}

/// An IODEF 1.0 Node, reduced to what RID acts on: names and addresses.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct NodeRef {
    /// NodeName values.
    pub names: Vec<String>,
    /// Addresses.
    pub addresses: Vec<Address>,
}

/// ReportSchema: the document carried in the message (RFC 6545 §5.1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSchema {
    /// `Version`.
    pub version: Option<String>,
    /// `XMLSchemaID`.
    pub xml_schema_id: Option<String>,
    /// `URL` of the carried schema.
    pub url: Option<String>,
    /// The carried document: the root element inside XMLDocument (an IODEF-Document).
    pub document: Option<Element>,
    /// Signature elements as found (XML Signature, RFC 6545 §9.1). Producing and verifying
    /// signatures is not implemented yet; they are carried unchanged.
    pub signatures: Vec<Element>,
}

/// RIDPolicy (RFC 6545 §5.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RidPolicy {
    /// What kind of message this is.
    pub msg_type: MsgType,
    /// What Node identifies.
    pub msg_destination: MsgDestination,
    /// `restriction`.
    pub restriction: Option<Restriction>,
    /// PolicyRegion values (one or more).
    pub regions: Vec<PolicyRegion>,
    /// The Node.
    pub node: NodeRef,
    /// TrafficType values (one or more).
    pub traffic: Vec<TrafficType>,
    /// The incident this message is about.
    pub incident_id: Option<IncidentId>,
    /// The carried document.
    pub report_schema: Option<ReportSchema>,
}

/// RequestStatus (RFC 6545 §5.2), in Acknowledgements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestStatus {
    /// Approved, Denied, Pending.
    pub authorization: AuthorizationStatus,
    /// Why (for Denied and Pending).
    pub justification: Option<Justification>,
    /// `restriction`.
    pub restriction: Option<Restriction>,
}

/// IncidentSource (RFC 6545 §5.3), in Results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentSource {
    /// Was the source found?
    pub source_found: bool,
    /// The source systems.
    pub nodes: Vec<NodeRef>,
    /// `restriction`.
    pub restriction: Option<Restriction>,
}

/// A RID message: the RID document (RFC 6545 §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RidMessage {
    /// `lang` (required).
    pub lang: String,
    /// RIDPolicy.
    pub policy: Option<RidPolicy>,
    /// RequestStatus.
    pub request_status: Option<RequestStatus>,
    /// IncidentSource.
    pub incident_source: Option<IncidentSource>,
}

/// Why a tree is not a RID message (only for trees that were not validated first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a RID message: {0}")]
pub struct ViewError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, ViewError> {
    Err(ViewError(msg.into()))
}

fn node_ref(e: &Element) -> NodeRef {
    NodeRef {
        names: e.children_named(IODEF1, "NodeName").map(|n| n.text().trim().to_string()).collect(),
        addresses: e
            .children_named(IODEF1, "Address")
            .map(|a| Address {
                category: a.attr_token("category").unwrap_or_else(|| "ipv4-addr".into()),
                value: a.text().trim().to_string(),
            })
            .collect(),
    }
}

fn restriction(e: &Element) -> Option<Restriction> {
    e.attr("restriction").and_then(Restriction::parse)
}

impl RidMessage {
    /// The message type, if the message has a RIDPolicy.
    pub fn msg_type(&self) -> Option<&MsgType> {
        self.policy.as_ref().map(|p| &p.msg_type)
    }

    /// The RIDPolicy IncidentID, if any.
    pub fn incident_id(&self) -> Option<&IncidentId> {
        self.policy.as_ref().and_then(|p| p.incident_id.as_ref())
    }

    /// A tree builder for the envelope of a RID message: everything but the content of
    /// `RIDPolicy/ReportSchema/XMLDocument` and `RIDPolicy/ReportSchema/Signature`. A message
    /// read from its tree has no [`ReportSchema::document`] and hollow
    /// [`ReportSchema::signatures`]: building the carried IODEF document would cost as much as
    /// validating it, and most messages are handled without it.
    pub fn envelope_builder() -> crate::xml::tree::TreeBuilder {
        const PATHS: &[&[&str]] =
            &[&["RID", "RIDPolicy", "ReportSchema", "XMLDocument"], &["RID", "RIDPolicy", "ReportSchema", "Signature"]];
        crate::xml::tree::TreeBuilder::hollow_at(NS, PATHS)
    }

    /// Read a message from the root `RID` element of a (validated) tree, taking the IODEF
    /// document out of it rather than copying it (the peer reads every message it receives).
    pub fn from_tree(mut root: Element) -> Result<RidMessage, ViewError> {
        let doc = Self::take_document(&mut root);
        let mut m = RidMessage::from_element(&root)?;
        if let Some(rs) = m.policy.as_mut().and_then(|p| p.report_schema.as_mut()) {
            rs.document = doc;
        }
        Ok(m)
    }

    /// Removes the first element inside RIDPolicy/ReportSchema/XMLDocument.
    fn take_document(root: &mut Element) -> Option<Element> {
        let step = |e: &mut Element, local: &str| -> Option<usize> {
            e.children.iter().position(|n| matches!(n, Node::Element(c) if c.is(NS, local)))
        };
        let mut e = root;
        for local in ["RIDPolicy", "ReportSchema", "XMLDocument"] {
            let i = step(e, local)?;
            e = match &mut e.children[i] {
                Node::Element(c) => c,
                _ => return None,
            };
        }
        let i = e.children.iter().position(|n| matches!(n, Node::Element(_)))?;
        match e.children.remove(i) {
            Node::Element(d) => Some(d),
            _ => None,
        }
    }

    /// Read a message from the root `RID` element of a (validated) tree.
    pub fn from_element(root: &Element) -> Result<RidMessage, ViewError> {
        if !root.is(NS, "RID") {
            return err(format!("root is {{{}}}{}, not {{{NS}}}RID", root.ns, root.local));
        }
        let policy = match root.child(NS, "RIDPolicy") {
            None => None,
            Some(p) => {
                let mt = p.attr("MsgType").unwrap_or("");
                let msg_type =
                    MsgType::parse(mt, p.attr("ext-MsgType")).ok_or_else(|| ViewError(format!("MsgType {mt:?}")))?;
                let md = p.attr("MsgDestination").unwrap_or("");
                let msg_destination = MsgDestination::parse(md, p.attr("ext-MsgDestination"))
                    .ok_or_else(|| ViewError(format!("MsgDestination {md:?}")))?;
                let regions = p
                    .children_named(NS, "PolicyRegion")
                    .map(|r| {
                        let v = r.attr("region").unwrap_or("");
                        PolicyRegion::parse(v, r.attr("ext-region")).ok_or_else(|| ViewError(format!("region {v:?}")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let traffic = p
                    .children_named(NS, "TrafficType")
                    .map(|r| {
                        let v = r.attr("type").unwrap_or("");
                        TrafficType::parse(v, r.attr("ext-type")).ok_or_else(|| ViewError(format!("TrafficType {v:?}")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let node = p.child(IODEF1, "Node").map(node_ref).unwrap_or_default();
                let incident_id = p.child(IODEF1, "IncidentID").map(|i| IncidentId {
                    name: i.attr("name").unwrap_or("").to_string(),
                    value: i.text().trim().to_string(),
                    instance: i.attr("instance").map(str::to_string),
                });
                let report_schema = p.child(NS, "ReportSchema").map(|rs| ReportSchema {
                    version: rs.attr("Version").map(str::to_string),
                    xml_schema_id: rs.attr("XMLSchemaID").map(str::to_string),
                    url: rs.child(NS, "URL").map(|u| u.text().trim().to_string()),
                    document: rs.child(NS, "XMLDocument").and_then(|d| d.elements().next().cloned()),
                    signatures: rs.children_named(NS, "Signature").cloned().collect(),
                });
                Some(RidPolicy {
                    msg_type,
                    msg_destination,
                    restriction: restriction(p),
                    regions,
                    node,
                    traffic,
                    incident_id,
                    report_schema,
                })
            }
        };
        let request_status = match root.child(NS, "RequestStatus") {
            None => None,
            Some(s) => {
                let a = s.attr("AuthorizationStatus").unwrap_or("");
                let authorization = AuthorizationStatus::parse(a, s.attr("ext-AuthorizationStatus"))
                    .ok_or_else(|| ViewError(format!("AuthorizationStatus {a:?}")))?;
                let justification =
                    s.attr("Justification").and_then(|j| Justification::parse(j, s.attr("ext-Justification")));
                Some(RequestStatus { authorization, justification, restriction: restriction(s) })
            }
        };
        let incident_source = root.child(NS, "IncidentSource").map(|s| IncidentSource {
            source_found: s.child(NS, "SourceFound").map(|f| matches!(f.text().trim(), "true" | "1")).unwrap_or(false),
            nodes: s.children_named(IODEF1, "Node").map(node_ref).collect(),
            restriction: restriction(s),
        });
        Ok(RidMessage { lang: root.attr("lang").unwrap_or("").to_string(), policy, request_status, incident_source })
    }

    /// Write the message as an element tree (root `RID`).
    pub fn to_element(&self) -> Element {
        let mut root = Element::new(NS, "RID");
        root.prefix = "iodef-rid".into();
        root.ns_decls.push(("iodef-rid".into(), NS.into()));
        root.ns_decls.push(("iodef".into(), IODEF1.into()));
        root.set_attr("lang", &self.lang);
        if let Some(p) = &self.policy {
            let pe = root.push(rid_el("RIDPolicy"));
            pe.set_attr("MsgType", p.msg_type.as_str());
            if let Some(x) = p.msg_type.ext() {
                pe.set_attr("ext-MsgType", x);
            }
            pe.set_attr("MsgDestination", p.msg_destination.as_str());
            if let Some(x) = p.msg_destination.ext() {
                pe.set_attr("ext-MsgDestination", x);
            }
            if let Some(r) = p.restriction {
                pe.set_attr("restriction", r.as_str());
            }
            for r in &p.regions {
                let e = pe.push(rid_el("PolicyRegion"));
                e.set_attr("region", r.as_str());
                if let Some(x) = r.ext() {
                    e.set_attr("ext-region", x);
                }
            }
            pe.push(node_el(&p.node));
            for t in &p.traffic {
                let e = pe.push(rid_el("TrafficType"));
                e.set_attr("type", t.as_str());
                if let Some(x) = t.ext() {
                    e.set_attr("ext-type", x);
                }
            }
            if let Some(id) = &p.incident_id {
                let e = pe.push(iodef_el("IncidentID"));
                e.set_attr("name", &id.name);
                if let Some(i) = &id.instance {
                    e.set_attr("instance", i);
                }
                e.push_text(&id.value);
            }
            if let Some(rs) = &p.report_schema {
                let e = pe.push(rid_el("ReportSchema"));
                if let Some(v) = &rs.version {
                    e.set_attr("Version", v);
                }
                if let Some(v) = &rs.xml_schema_id {
                    e.set_attr("XMLSchemaID", v);
                }
                let doc = e.push(rid_el("XMLDocument"));
                doc.set_attr("dtype", "xml");
                doc.set_attr("meaning", "xml");
                if let Some(d) = &rs.document {
                    doc.children.push(Node::Element(d.clone()));
                }
                if let Some(u) = &rs.url {
                    e.push(rid_el("URL")).push_text(u);
                }
                for s in &rs.signatures {
                    e.children.push(Node::Element(s.clone()));
                }
            }
        }
        if let Some(s) = &self.request_status {
            let e = root.push(rid_el("RequestStatus"));
            e.set_attr("AuthorizationStatus", s.authorization.as_str());
            if let Some(x) = s.authorization.ext() {
                e.set_attr("ext-AuthorizationStatus", x);
            }
            if let Some(j) = &s.justification {
                e.set_attr("Justification", j.as_str());
                if let Some(x) = j.ext() {
                    e.set_attr("ext-Justification", x);
                }
            }
            if let Some(r) = s.restriction {
                e.set_attr("restriction", r.as_str());
            }
        }
        if let Some(s) = &self.incident_source {
            let e = root.push(rid_el("IncidentSource"));
            if let Some(r) = s.restriction {
                e.set_attr("restriction", r.as_str());
            }
            e.push(rid_el("SourceFound")).push_text(if s.source_found { "true" } else { "false" });
            for n in &s.nodes {
                e.push(node_el(n));
            }
        }
        root
    }

    /// Write the message as a UTF-8 document with an XML declaration (RFC 6545 §5.5).
    pub fn to_xml(&self) -> String {
        crate::xml::writer::to_document(&self.to_element())
    }
}

fn rid_el(name: &str) -> Element {
    let mut e = Element::new(NS, name);
    e.prefix = "iodef-rid".into();
    e
}

fn iodef_el(name: &str) -> Element {
    let mut e = Element::new(IODEF1, name);
    e.prefix = "iodef".into();
    e
}

fn node_el(n: &NodeRef) -> Element {
    let mut e = iodef_el("Node");
    for name in &n.names {
        e.push(iodef_el("NodeName")).push_text(name);
    }
    for a in &n.addresses {
        let ae = e.push(iodef_el("Address"));
        ae.set_attr("category", &a.category);
        ae.push_text(&a.value);
    }
    e
}
