//! The GetImItemList request and its builder.

use crate::error::Result;
use crate::soap::{write_envelope, RequestHeader};
use crate::xml::XmlWriter;

// The struct, its options reader, TypeScript declaration, field checks and
// element order are one generated table (src/types/generated.rs, from
// model/model.json and messages.xsd); the operation's own code is here.
pub use crate::types::GetImItemListRequest;

impl GetImItemListRequest {
    /// The operation name.
    pub const OPERATION: &'static str = "GetImItemList";

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
        if self.extended_properties.is_empty() {
            w.empty("m:GetImItemList", &[]);
            return;
        }
        w.open("m:GetImItemList", &[]);
        self.write_fields(w);
        w.close("m:GetImItemList");
    }
}

/// Builds a GetImItemList request envelope (JS `buildGetImItemListRequest`).
pub fn build_get_im_item_list_request(opts: &GetImItemListRequest) -> Result<String> {
    opts.to_xml()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_request() {
        let xml = GetImItemListRequest::default().to_xml().unwrap();
        assert!(xml.contains(
            "<soap:Header><t:RequestServerVersion Version=\"Exchange2013\"/></soap:Header>\
             <soap:Body><m:GetImItemList/></soap:Body>"
        ));
    }
}
