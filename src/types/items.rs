//! Items: every kind the schema allows in `ConversationNode/Items` and in
//! `SyncFolderItems` `Create`/`Update`, with the schema's properties typed.
//!
//! The field tables follow the Exchange 2018 schema (`types.xsd`) element by
//! element, in schema order: they are generated from it into `generated.rs`
//! (`npm run generate`), and so is the list of item kinds the [`Item`] enum is
//! made from. A property whose type the library does not model in detail is an
//! [`XmlNode`] (a plain tree of its content); an element the schema does not
//! have is kept verbatim in `unknown_elements`; an item kind the schema does
//! not have is [`Item::Unknown`].

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Result;
use crate::types::{
    with_item_kinds, CalendarItem, Contact, DistributionList, FileAttachment, GenericItem,
    ItemAttachment, ItemFields, ItemId, MeetingCancellation, MeetingMessage, MeetingRequest,
    MeetingResponse, Message, Network, Person, PostItem, ReferenceAttachment, ResponseObject,
    RoleMember, SharingMessage, Task,
};
use crate::xml::{js_name, FromXml, RawElement, Start, XmlReader};

/// Any element, as a plain tree: attributes, text and children by local name.
///
/// In JSON a leaf without attributes is its text; anything else is an object of
/// its attributes and children by JS name (a repeated child becomes an array),
/// with non-blank text under `value`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XmlNode {
    /// Attributes by local name (namespace declarations excluded).
    pub attributes: Vec<(String, String)>,
    /// Character data directly inside the element.
    pub text: String,
    /// Child elements by local name, in document order.
    pub children: Vec<(String, XmlNode)>,
}

impl XmlNode {
    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&XmlNode> {
        self.children
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c)
    }

    /// The value of an attribute by local name.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl FromXml for XmlNode {
    fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
        if !r.enter_node() {
            // Deeper than any schema type nests: keep the rest as its source text,
            // so the recursion (and its stack use) stays bounded whatever maxDepth is.
            let raw = r.capture(s)?;
            return Ok(Some(XmlNode {
                text: raw.xml,
                ..Default::default()
            }));
        }
        let node = Self::read_node(r, s);
        r.leave_node();
        node.map(Some)
    }
}

impl XmlNode {
    /// The children grouped by name, each group in document order and the
    /// groups in the order of their first member. Linear for any real input
    /// and O(n log n) at worst, whatever the names (a scan of the earlier
    /// siblings for each child, as 0.1.0 did, is quadratic on a wide element).
    fn grouped_children(&self) -> Vec<(&str, Vec<&XmlNode>)> {
        self.group_by_hash().unwrap_or_else(|| self.group_by_sort())
    }

    /// Grouping through an open-addressing table of the names (FNV-1a,
    /// linear probing). `None` when a probe runs longer than any chance
    /// collision makes it, as names written to collide would: the caller then
    /// sorts instead, so such names cost O(n log n), never O(n²).
    fn group_by_hash(&self) -> Option<Vec<(&str, Vec<&XmlNode>)>> {
        const EMPTY: usize = usize::MAX;
        const MAX_PROBES: usize = 48;
        let size = (2 * self.children.len()).next_power_of_two().max(8);
        let mask = size - 1;
        let mut table = vec![EMPTY; size];
        let mut groups: Vec<(&str, Vec<&XmlNode>)> = Vec::new();
        for (name, child) in &self.children {
            let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            let mut slot = hash as usize & mask;
            let mut probes = 0;
            loop {
                let entry = table.get_mut(slot)?;
                if *entry == EMPTY {
                    *entry = groups.len();
                    groups.push((name, vec![child]));
                    break;
                }
                let group = groups.get_mut(*entry)?;
                if group.0 == name {
                    group.1.push(child);
                    break;
                }
                probes += 1;
                if probes > MAX_PROBES {
                    return None;
                }
                slot = (slot + 1) & mask;
            }
        }
        Some(groups)
    }

    /// The children's (name, index) pairs sorted by name, then index.
    fn children_by_name(&self) -> Vec<(&str, usize)> {
        let mut by_name: Vec<(&str, usize)> = self
            .children
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.as_str(), i))
            .collect();
        crate::xml::heap_sort(&mut by_name);
        by_name
    }

    /// The same grouping by sorting (name, index) pairs: O(n log n) always.
    fn group_by_sort(&self) -> Vec<(&str, Vec<&XmlNode>)> {
        let by_name = self.children_by_name();
        // Runs of one name, members in document order (the index breaks ties);
        // each group is then emitted at the position of its first member.
        let mut groups: Vec<(&str, Vec<&XmlNode>)> = Vec::new();
        let mut starts_group: Vec<Option<usize>> = vec![None; by_name.len()];
        for &(name, i) in &by_name {
            let Some((_, child)) = self.children.get(i) else {
                continue;
            };
            match groups.last_mut() {
                Some((last, members)) if *last == name => members.push(child),
                _ => {
                    if let Some(slot) = starts_group.get_mut(i) {
                        *slot = Some(groups.len());
                    }
                    groups.push((name, vec![child]));
                }
            }
        }
        let mut slots: Vec<Option<(&str, Vec<&XmlNode>)>> = groups.into_iter().map(Some).collect();
        starts_group
            .into_iter()
            .flatten()
            .filter_map(|g| slots.get_mut(g).and_then(Option::take))
            .collect()
    }

    fn read_node<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Self> {
        let mut node = XmlNode::default();
        s.for_each_attr(&mut |k, v| node.attributes.push((k.to_owned(), v.into_owned())))?;
        let mut children = Vec::new();
        node.text = r.mixed(s, |r, c| {
            if let Some(child) = XmlNode::from_xml(r, c)? {
                children.push((c.local().to_owned(), child));
            }
            Ok(())
        })?;
        node.children = children;
        Ok(node)
    }
}

impl Serialize for XmlNode {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.attributes.is_empty() && self.children.is_empty() {
            return s.serialize_str(&self.text);
        }
        let mut map = s.serialize_map(None)?;
        for (k, v) in &self.attributes {
            map.serialize_entry(&js_name(k), v)?;
        }
        for (name, same) in self.grouped_children() {
            match same.as_slice() {
                [one] => map.serialize_entry(&js_name(name), one)?,
                _ => map.serialize_entry(&js_name(name), &same)?,
            }
        }
        if !self.text.trim().is_empty() {
            map.serialize_entry("value", &self.text)?;
        }
        map.end()
    }
}

impl crate::json::ToJson for XmlNode {
    fn write_json(&self, out: &mut crate::json::JsonOut) {
        if self.attributes.is_empty() && self.children.is_empty() {
            out.string(&self.text);
            return;
        }
        out.begin_object();
        for (k, v) in &self.attributes {
            out.text_key(k);
            out.string(v);
        }
        // The children grouped by name, as `grouped_children` groups them (the
        // groups in the order of their first member), without building the
        // groups: one sort of (name, index) pairs, O(n log n) whatever the names.
        let by_name = self.children_by_name();
        // Where the group of each child starts in `by_name`, for the first
        // member of each group only.
        let mut group_at = vec![usize::MAX; by_name.len()];
        let mut previous = None;
        for (p, &(name, i)) in by_name.iter().enumerate() {
            if previous != Some(name) {
                if let Some(slot) = group_at.get_mut(i) {
                    *slot = p;
                }
                previous = Some(name);
            }
        }
        for &p in &group_at {
            let Some(group) = by_name.get(p..) else {
                continue;
            };
            let Some(&(name, _)) = group.first() else {
                continue;
            };
            let len = group.iter().take_while(|(n, _)| *n == name).count();
            out.text_key(name);
            let members = group
                .iter()
                .take(len)
                .filter_map(|&(_, i)| self.children.get(i));
            if len == 1 {
                members.for_each(|(_, c)| c.write_json(out));
            } else {
                out.begin_array();
                members.for_each(|(_, c)| c.write_json(out));
                out.end_array();
            }
        }
        if !self.text.trim().is_empty() {
            out.key("value");
            out.string(&self.text);
        }
        out.end_object();
    }
}

impl<'de> Deserialize<'de> for XmlNode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        fn from_value(v: serde_json::Value) -> XmlNode {
            match v {
                serde_json::Value::Object(map) => {
                    let mut node = XmlNode::default();
                    for (k, v) in map {
                        match v {
                            serde_json::Value::Array(items) => {
                                for item in items {
                                    node.children.push((k.clone(), from_value(item)));
                                }
                            }
                            serde_json::Value::String(s) if k == "value" => node.text = s,
                            other => node.children.push((k, from_value(other))),
                        }
                    }
                    node
                }
                serde_json::Value::String(s) => XmlNode {
                    text: s,
                    ..Default::default()
                },
                other => XmlNode {
                    text: other.to_string(),
                    ..Default::default()
                },
            }
        }
        serde_json::Value::deserialize(d).map(from_value)
    }
}

/// Declares an enum of element kinds (`{ kind: 'FileAttachment', … }` in JSON):
/// each variant is read from the element of its name, anything else is kept
/// verbatim as `Unknown`. `$enter`/`$leave` run around each known kind (items
/// use them to bound their nesting).
macro_rules! kind_enum {
    (
        $(#[$m:meta])*
        $name:ident [$enter:expr, $leave:expr, $items:literal] { $($variant:ident($ty:ty) = $doc:literal,)* }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind")]
        pub enum $name {
            $( #[doc = $doc] $variant(Box<$ty>), )*
            /// A kind the schema does not have, verbatim: `{ kind: 'Unknown', elementName, xml }`.
            Unknown(RawElement),
        }

        impl $name {
            /// The element name (`Unknown` for a kind the schema does not have).
            pub fn kind(&self) -> &'static str {
                match self {
                    $( $name::$variant(_) => stringify!($variant), )*
                    $name::Unknown(_) => "Unknown",
                }
            }
        }

        impl crate::json::ToJson for $name {
            fn write_json(&self, out: &mut crate::json::JsonOut) {
                use crate::json::JsonFields;
                out.begin_object();
                out.key("kind");
                out.string(self.kind());
                match self {
                    $( $name::$variant(v) => v.write_fields(out), )*
                    $name::Unknown(raw) => raw.write_fields(out),
                }
                out.end_object();
            }
        }

        // The engine's table: one type per element name.
        impl crate::types::engine::ValueDesc for $name {
            const KIND: crate::types::engine::Kind = crate::types::engine::Kind::Choice(
                &crate::types::engine::ChoiceDesc {
                    variants: &[$(
                        (stringify!($variant), <$ty as crate::types::engine::Described>::desc),
                    )*],
                    items: $items,
                },
            );
        }

        impl FromXml for $name {
            fn from_xml<'a>(r: &mut XmlReader<'a>, s: &Start<'a>) -> Result<Option<Self>> {
                let known = matches!(s.local(), $( stringify!($variant) )|*);
                let enter: fn(&mut XmlReader<'a>) -> bool = $enter;
                if !known || !enter(r) {
                    return Ok(Some($name::Unknown(r.capture(s)?)));
                }
                let read = (|| -> Result<$name> {
                    Ok(match s.local() {
                        $( stringify!($variant) => match <Box<$ty>>::from_xml(r, s)? {
                            Some(v) => $name::$variant(v),
                            None => $name::Unknown(r.raw_since(s)),
                        }, )*
                        _ => $name::Unknown(r.capture(s)?),
                    })
                })();
                let leave: fn(&mut XmlReader<'a>) = $leave;
                leave(r);
                read.map(Some)
            }
        }
    };
}

kind_enum! {
    /// One entry of `Attachments`, discriminated by `kind` (the element name).
    Attachment [|_| true, |_| (), false] {
        FileAttachment(FileAttachment) = "`FileAttachment`.",
        ItemAttachment(ItemAttachment) = "`ItemAttachment`.",
        ReferenceAttachment(ReferenceAttachment) = "`ReferenceAttachment`.",
    }
}

with_item_kinds!(kind_enum! {
    /// An item of any kind, discriminated by `kind` (the element name):
    /// `{ kind: 'Message', itemId, subject, … }` in JSON. Items nest at most
    /// [`crate::xml::MAX_ITEM_NESTING`] deep; deeper ones are kept as `Unknown`.
    Item [XmlReader::enter_item, XmlReader::leave_item, true]
});

/// `Item::fields`, one arm per item kind of the generated list.
macro_rules! item_fields {
    ({ $($variant:ident($ty:ty) = $doc:literal,)* }) => {
        impl Item {
            /// The `ItemType` properties every known kind has.
            pub fn fields(&self) -> Option<&ItemFields> {
                match self {
                    $( Item::$variant(v) => Some(&v.item), )*
                    Item::Unknown(_) => None,
                }
            }
        }
    };
}

with_item_kinds!(item_fields! {});

impl Item {
    /// `ItemId`, when the item has one.
    pub fn item_id(&self) -> Option<&ItemId> {
        self.fields()?.item_id.as_ref()
    }

    /// `Subject`, when present.
    pub fn subject(&self) -> Option<&str> {
        self.fields()?.subject.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(text: &str) -> XmlNode {
        XmlNode {
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn children_group_by_name_in_order_of_first_appearance() {
        let node = XmlNode {
            attributes: vec![("Id".into(), "1".into())],
            text: String::new(),
            children: ["B", "A", "B", "C", "A", "B"]
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), leaf(&i.to_string())))
                .collect(),
        };
        let json = crate::json::to_json_string(&node);
        assert_eq!(
            json,
            r#"{"id":"1","b":["0","2","5"],"a":["1","4"],"c":"3"}"#
        );
        assert_eq!(serde_json::to_string(&node).unwrap(), json);
    }

    #[test]
    fn both_groupings_agree() {
        // Pseudo-random names from a small alphabet: many repeats, interleaved.
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let children = (0..5000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (format!("N{}", x % 300), leaf(&i.to_string()))
            })
            .collect();
        let node = XmlNode {
            children,
            ..Default::default()
        };
        let by_hash = node.group_by_hash().expect("no long probe on these names");
        assert_eq!(by_hash.len(), 300);
        assert_eq!(by_hash, node.group_by_sort());
        // The JSON writer groups without building the groups: the same JSON.
        let json = crate::json::to_json_string(&node);
        assert_eq!(json, serde_json::to_string(&node).unwrap());
        assert!(json.starts_with(r#"{"n"#), "{}", &json[..40]);
    }

    #[test]
    fn heap_sort_sorts() {
        let mut v: Vec<(u32, usize)> = (0..1000).map(|i| ((i * 7919) % 101, i as usize)).collect();
        let mut expected = v.clone();
        expected.sort();
        crate::xml::heap_sort(&mut v);
        assert_eq!(v, expected);
        let mut empty: [u8; 0] = [];
        crate::xml::heap_sort(&mut empty);
        let mut one = [3];
        crate::xml::heap_sort(&mut one);
        assert_eq!(one, [3]);
    }
}
