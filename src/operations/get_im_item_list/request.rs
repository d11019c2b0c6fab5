//! The GetImItemList request and its builder.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::operations::get_im_items::write_extended_properties;
use crate::soap::{write_envelope, RequestHeader};
use crate::types::{validate_extended_fields, PathToExtendedField};
use crate::xml::XmlWriter;

/// A [GetImItemList](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitemlist-operation)
/// request: the instant-messaging groups and contact personas of the mailbox.
///
/// JS options (`buildGetImItemListRequest(opts?)`, all optional):
/// `{ header?, extendedProperties?: [...] }`. An empty `extendedProperties` is
/// left out, giving `<m:GetImItemList/>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetImItemListRequest {
    /// The SOAP headers (default: `RequestServerVersion` `Exchange2013`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<RequestHeader>,
    /// [`ExtendedProperties`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedproperties-nonemptyarrayofextendedfielduris):
    /// written as `t:ExtendedProperty` elements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extended_properties: Vec<PathToExtendedField>,
}

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
        write_envelope(header, true, |w| self.write_body(w))
    }

    fn validate_body(&self) -> Result<()> {
        validate_extended_fields("extendedProperties", &self.extended_properties)
    }

    fn write_body(&self, w: &mut XmlWriter) {
        if self.extended_properties.is_empty() {
            w.empty("m:GetImItemList", &[]);
            return;
        }
        w.open("m:GetImItemList", &[]);
        write_extended_properties(w, &self.extended_properties);
        w.close("m:GetImItemList");
    }
}

crate::json_in::json_struct!(GetImItemListRequest {
    opt header: "header",
    opt extended_properties: "extendedProperties",
});

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
