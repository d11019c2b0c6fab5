//! The GetImItems request and its builder.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::soap::{write_envelope, RequestHeader};
use crate::types::{validate_extended_fields, validate_item_ids, ItemIdRef, PathToExtendedField};
use crate::xml::XmlWriter;

/// A [GetImItems](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitems-operation)
/// request: details of instant-messaging contacts and groups.
///
/// JS options (`buildGetImItemsRequest(opts)`):
/// `{ header?, contactIds?: [{ id, changeKey? }], groupIds?: [{ id, changeKey? }],
/// extendedProperties?: [{ propertyTag | propertySetId | distinguishedPropertySetId, propertyName | propertyId, propertyType }] }`.
///
/// Every list is optional, and an empty list is left out rather than refused:
/// the schema's lists cannot be empty, and "no ids" is what leaving the element
/// out says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetImItemsRequest {
    /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<RequestHeader>,
    /// [`ContactIds`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/contactids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact_ids: Vec<ItemIdRef>,
    /// [`GroupIds`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/groupids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_ids: Vec<ItemIdRef>,
    /// [`ExtendedProperties`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedproperties-nonemptyarrayofextendedfielduris):
    /// written as `t:ExtendedProperty` elements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extended_properties: Vec<PathToExtendedField>,
}

impl GetImItemsRequest {
    /// The operation name.
    pub const OPERATION: &'static str = "GetImItems";

    /// Checks every option (header included) without building anything.
    pub fn validate(&self) -> Result<()> {
        self.validate_body()?;
        match &self.header {
            Some(h) => h.validate(),
            None => Ok(()),
        }
    }

    /// Builds the SOAP envelope.
    pub fn to_xml(&self) -> Result<String> {
        self.to_xml_with_header(self.header.as_ref().unwrap_or(&RequestHeader::default()))
    }

    /// Builds the SOAP envelope with `header` instead of `self.header` (the client
    /// passes `self.header` merged with its defaults, see [`RequestHeader::or`]).
    pub fn to_xml_with_header(&self, header: &RequestHeader) -> Result<String> {
        self.validate_body()?;
        write_envelope(header, true, |w| self.write_body(w))
    }

    fn validate_body(&self) -> Result<()> {
        validate_item_ids("contactIds", &self.contact_ids)?;
        validate_item_ids("groupIds", &self.group_ids)?;
        validate_extended_fields("extendedProperties", &self.extended_properties)
    }

    fn write_body(&self, w: &mut XmlWriter) {
        if self.contact_ids.is_empty()
            && self.group_ids.is_empty()
            && self.extended_properties.is_empty()
        {
            w.empty("m:GetImItems", &[]);
            return;
        }
        w.open("m:GetImItems", &[]);
        write_ids(w, "m:ContactIds", &self.contact_ids);
        write_ids(w, "m:GroupIds", &self.group_ids);
        write_extended_properties(w, &self.extended_properties);
        w.close("m:GetImItems");
    }
}

fn write_ids(w: &mut XmlWriter, name: &str, ids: &[ItemIdRef]) {
    if ids.is_empty() {
        return;
    }
    w.open(name, &[]);
    for id in ids {
        id.write(w, "t:ItemId");
    }
    w.close(name);
}

/// `m:ExtendedProperties` with one `t:ExtendedProperty` per path; nothing when empty.
pub(crate) fn write_extended_properties(w: &mut XmlWriter, props: &[PathToExtendedField]) {
    if props.is_empty() {
        return;
    }
    w.open("m:ExtendedProperties", &[]);
    for p in props {
        p.write(w, "t:ExtendedProperty");
    }
    w.close("m:ExtendedProperties");
}

crate::json_in::json_struct!(GetImItemsRequest {
    opt header: "header",
    opt contact_ids: "contactIds",
    opt group_ids: "groupIds",
    opt extended_properties: "extendedProperties",
});

/// Builds a GetImItems request envelope (JS `buildGetImItemsRequest`).
pub fn build_get_im_items_request(opts: &GetImItemsRequest) -> Result<String> {
    opts.to_xml()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::MapiPropertyType;

    #[test]
    fn empty_lists_are_left_out() {
        let r = GetImItemsRequest {
            contact_ids: vec![ItemIdRef::new("c")],
            ..Default::default()
        };
        let xml = r.to_xml().unwrap();
        assert!(xml.contains(
            "<m:GetImItems><m:ContactIds><t:ItemId Id=\"c\"/></m:ContactIds></m:GetImItems>"
        ));
        let xml = GetImItemsRequest::default().to_xml().unwrap();
        assert!(xml.contains("<m:GetImItems/>"));
    }

    #[test]
    fn extended_property_element_name() {
        let r = GetImItemsRequest {
            extended_properties: vec![PathToExtendedField::tag("0x3001", MapiPropertyType::String)],
            ..Default::default()
        };
        let xml = r.to_xml().unwrap();
        assert!(xml.contains(
            "<m:ExtendedProperties><t:ExtendedProperty PropertyTag=\"0x3001\" PropertyType=\"String\"/></m:ExtendedProperties>"
        ));
    }
}
