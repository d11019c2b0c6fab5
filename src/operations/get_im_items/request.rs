//! The GetImItems request and its builder.

use crate::error::Result;
use crate::soap::{write_envelope, RequestHeader};
use crate::xml::XmlWriter;

// The struct, its options reader, TypeScript declaration, field checks and
// element order are one generated table (src/types/generated.rs, from
// model/model.json and messages.xsd); the operation's own code is here.
pub use crate::types::GetImItemsRequest;

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
        write_envelope(header, true, &|w| self.write_body(w))
    }

    fn validate_body(&self) -> Result<()> {
        self.validate_fields("")
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
        self.write_fields(w);
        w.close("m:GetImItems");
    }
}

/// Builds a GetImItems request envelope (JS `buildGetImItemsRequest`).
pub fn build_get_im_items_request(opts: &GetImItemsRequest) -> Result<String> {
    opts.to_xml()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{ItemIdRef, MapiPropertyType, PathToExtendedField};

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
