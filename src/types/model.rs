//! How the model's types are made: the `ews_struct!` macro, which turns a table
//! of EWS element names into a typed struct with its parser (`xml`), its JSON
//! writer (`json`) and its TypeScript form (`ts_type`), and the JSON form of
//! [`RawElement`], the verbatim fallback every such struct carries.
//!
//! This is where the XML and JSON primitives meet: neither of them knows the
//! other (see the module graph in the crate's `lib.rs`).

use crate::json::{JsonFields, JsonOut, ToJson};
use crate::xml::RawElement;

impl JsonFields for RawElement {
    fn write_fields(&self, out: &mut JsonOut) {
        out.key("elementName");
        out.string(&self.element_name);
        out.key("xml");
        out.string(&self.xml);
    }
}

impl ToJson for RawElement {
    fn write_json(&self, out: &mut JsonOut) {
        out.begin_object();
        self.write_fields(out);
        out.end_object();
    }
}

/// Defines a typed struct for an EWS complex type, with its parser and serde form.
///
/// ```text
/// ews_struct! {
///     /// docs
///     element Name {            // or `fields Name` for a part that is flattened elsewhere
///         @ id: "Id" => String,             // attributes
///         = value: String,                  // text content (simpleContent types)
///         .. item: ItemFields,              // flattened parts (base types)
///         subject: "Subject" => Option<String>,   // child elements, schema order
///     }
/// }
/// ```
/// JS names are serde's camelCase of the Rust names; where the API's rule differs
/// (`FieldURI` → `fieldURI`), the field carries `#[serde(rename = "...")]`.
macro_rules! ews_struct {
    (@text_const) => { false };
    (@text_const $tf:ident) => { true };
    (
        $(#[$m:meta])*
        $kind:ident $name:ident {
            $(@ $(#[$am:meta])* $af:ident : $aw:literal => $at:ty,)*
            $(= $(#[$tm:meta])* $tf:ident : $tt:ty,)?
            $(.. $(#[$pm:meta])* $pf:ident : $pt:ty,)*
            $($(#[$cm:meta])* $cf:ident : $cw:literal => $ct:ty,)*
        }
    ) => {
        ews_struct!(@struct $kind [$(#[$m])*] $name
            { $( [$(#[$am])*] $af $aw $at; )* }
            { $( [$(#[$tm])*] $tf $tt; )? }
            { $( [$(#[$pm])*] $pf $pt; )* }
            { $( [$(#[$cm])*] $cf $cw $ct; )* });
        impl $crate::xml::Fields for $name {
            const HAS_TEXT: bool = ews_struct!(@text_const $($tf)?);
            #[allow(unused_variables)]
            fn attr(&mut self, name: &str, value: &str) -> bool {
                match name {
                    $( $aw => $crate::xml::AttrSlot::set_attr(&mut self.$af, value), )*
                    _ => {
                        $( if $crate::xml::Fields::attr(&mut self.$pf, name, value) { return true; } )*
                        false
                    }
                }
            }
            #[allow(unused_variables)]
            fn child<'a>(
                &mut self,
                r: &mut $crate::xml::XmlReader<'a>,
                c: &$crate::xml::Start<'a>,
                unknown: &mut Vec<$crate::xml::RawElement>,
            ) -> $crate::error::Result<bool> {
                // One table lookup instead of a `match` arm per field: a thousand
                // arms of inlined string compares would dominate the wasm size.
                const CHILDREN: &[(&str, $crate::xml::ChildReader<$name>)] = &[
                    $( ($cw, |v: &mut $name, r, c, u| $crate::xml::read_into(&mut v.$cf, u, r, c)), )*
                ];
                let name = c.local();
                if let Some(read) = $crate::xml::find_child(CHILDREN, name) {
                    read(self, r, c, unknown)?;
                    return Ok(true);
                }
                $( if $crate::xml::Fields::child(&mut self.$pf, r, c, unknown)? { return Ok(true); } )*
                Ok(false)
            }
            $( fn set_text(&mut self, text: String) { self.$tf = text; } )?
        }
        // The table the engine (`types::engine`) reads and writes this type with.
        impl $crate::types::engine::Described for $name {
            const DESC: &'static $crate::types::engine::TypeDesc = {
                use $crate::types::engine as e;
                const ATTRS: &[e::AttrDesc] = &[$(
                    e::AttrDesc {
                        wire: $aw,
                        kind: <$at as e::AttrType>::KIND,
                        required: <$at as e::AttrType>::REQUIRED,
                    },
                )*];
                const PARTS: &[&e::TypeDesc] = &[$( <$pt as e::Described>::DESC, )*];
                const CHILDREN: &[e::ChildDesc] = &[$(
                    e::ChildDesc {
                        wire: $cw,
                        many: <$ct as e::SlotDesc>::MANY,
                        kind: <$ct as e::SlotDesc>::KIND,
                    },
                )*];
                const TEXT: Option<&str> = ews_struct!(@text_key $($tf $tt)?);
                const D: e::TypeDesc = e::TypeDesc {
                    #[cfg(test)]
                    name: stringify!($name),
                    attrs: ATTRS,
                    text: TEXT,
                    parts: PARTS,
                    children: CHILDREN,
                    unknown: ews_struct!(@is_element $kind),
                    slots: e::TypeDesc::count(ATTRS.len(), TEXT.is_some(), PARTS, CHILDREN.len()),
                };
                &D
            };
        }
        ews_struct!(@from_xml $kind $name);
        impl $crate::json::JsonFields for $name {
            #[allow(unused_variables)]
            fn write_fields(&self, out: &mut $crate::json::JsonOut) {
                $( if !$crate::xml::Absent::is_absent(&self.$af) {
                    out.wire_key($aw);
                    $crate::json::ToJson::write_json(&self.$af, out);
                } )*
                $( out.key(stringify!($tf)); $crate::json::ToJson::write_json(&self.$tf, out); )?
                $( $crate::json::JsonFields::write_fields(&self.$pf, out); )*
                $( if !$crate::xml::Absent::is_absent(&self.$cf) {
                    out.wire_key($cw);
                    $crate::json::ToJson::write_json(&self.$cf, out);
                } )*
                ews_struct!(@unknown_json $kind self out);
            }
        }
        // The TypeScript form of the JSON above (see `crate::ts_type`): parts become
        // `extends`, keys follow the wire names by the same rule.
        impl $crate::ts_type::TsType for $name {
            fn ts_name() -> String {
                stringify!($name).to_owned()
            }
            fn ts_decl(out: &mut $crate::ts_type::TsOut) {
                if !out.first::<Self>(stringify!($name)) {
                    return;
                }
                let mut i = $crate::ts_type::TsInterface::new(stringify!($name), &[$(stringify!($m)),*]);
                $( i.extends(<$pt as $crate::ts_type::TsType>::ts_name()); )*
                $( i.attr::<$at>($aw); )*
                $( i.text::<$tt>(stringify!($tf)); )?
                $( i.child::<$ct>($cw); )*
                let element = stringify!($kind) == "element";
                if element {
                    i.unknown_elements();
                }
                out.push(&i.render());
                $( out.add::<$pt>(); )*
                $( out.add::<$at>(); )*
                $( out.add::<$ct>(); )*
                if element {
                    out.add::<$crate::xml::RawElement>();
                }
            }
        }
    };
    (@unknown_json element $s:ident $out:ident) => {
        if !$s.unknown_elements.is_empty() {
            $out.key("unknownElements");
            $crate::json::ToJson::write_json(&$s.unknown_elements, $out);
        }
    };
    (@unknown_json fields $s:ident $out:ident) => {};
    (@text_key) => { None };
    (@text_key $tf:ident $tt:ty) => {{
        const fn text_type<T: $crate::types::engine::TextType>() {}
        text_type::<$tt>();
        Some(stringify!($tf))
    }};
    (@is_element element) => { true };
    (@is_element fields) => { false };

    (@from_xml element $name:ident) => {
        impl $crate::types::engine::ValueDesc for $name {
            const KIND: $crate::types::engine::Kind = $crate::types::engine::Kind::Struct(
                <$name as $crate::types::engine::Described>::desc,
            );
        }
        impl $crate::json::ToJson for $name {
            fn write_json(&self, out: &mut $crate::json::JsonOut) {
                out.begin_object();
                $crate::json::JsonFields::write_fields(self, out);
                out.end_object();
            }
        }
        impl $crate::xml::FromXml for Box<$name> {
            fn from_xml<'a>(
                r: &mut $crate::xml::XmlReader<'a>,
                s: &$crate::xml::Start<'a>,
            ) -> $crate::error::Result<Option<Self>> {
                $crate::xml::read_fields::<$name>(r, s, |v| &mut v.unknown_elements).map(Some)
            }
        }
        impl $crate::xml::FromXml for $name {
            fn from_xml<'a>(
                r: &mut $crate::xml::XmlReader<'a>,
                s: &$crate::xml::Start<'a>,
            ) -> $crate::error::Result<Option<Self>> {
                $crate::xml::read_fields::<Self>(r, s, |v| &mut v.unknown_elements).map(|b| Some(*b))
            }
        }
    };
    (@from_xml fields $name:ident) => {};
    (@struct element [$(#[$m:meta])*] $name:ident
        { $( [$(#[$am:meta])*] $af:ident $aw:literal $at:ty; )* }
        { $( [$(#[$tm:meta])*] $tf:ident $tt:ty; )? }
        { $( [$(#[$pm:meta])*] $pf:ident $pt:ty; )* }
        { $( [$(#[$cm:meta])*] $cf:ident $cw:literal $ct:ty; )* }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase", default)]
        pub struct $name {
            $( #[doc = concat!("Attribute `", $aw, "`.")] $(#[$am])*
               #[serde(skip_serializing_if = "crate::xml::Absent::is_absent")] pub $af: $at, )*
            $( #[doc = "The element's text content."] $(#[$tm])* pub $tf: $tt, )?
            $( $(#[$pm])* #[serde(flatten)] pub $pf: $pt, )*
            $( #[doc = concat!("Element `", $cw, "`.")] $(#[$cm])*
               #[serde(skip_serializing_if = "crate::xml::Absent::is_absent")] pub $cf: $ct, )*
            /// Child elements the model does not know, kept verbatim (nothing is dropped).
            #[serde(skip_serializing_if = "Vec::is_empty")]
            pub unknown_elements: Vec<$crate::xml::RawElement>,
        }
    };
    (@struct fields [$(#[$m:meta])*] $name:ident
        { $( [$(#[$am:meta])*] $af:ident $aw:literal $at:ty; )* }
        { $( [$(#[$tm:meta])*] $tf:ident $tt:ty; )? }
        { $( [$(#[$pm:meta])*] $pf:ident $pt:ty; )* }
        { $( [$(#[$cm:meta])*] $cf:ident $cw:literal $ct:ty; )* }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase", default)]
        pub struct $name {
            $( #[doc = concat!("Attribute `", $aw, "`.")] $(#[$am])*
               #[serde(skip_serializing_if = "crate::xml::Absent::is_absent")] pub $af: $at, )*
            $( #[doc = "The element's text content."] $(#[$tm])* pub $tf: $tt, )?
            $( $(#[$pm])* #[serde(flatten)] pub $pf: $pt, )*
            $( #[doc = concat!("Element `", $cw, "`.")] $(#[$cm])*
               #[serde(skip_serializing_if = "crate::xml::Absent::is_absent")] pub $cf: $ct, )*
        }
    };
}
pub(crate) use ews_struct;
