//! The GetImItems and GetImItemList responses. Unlike most EWS responses they are
//! not wrapped in `ResponseMessages`: the body element is the message itself.

use serde::Serialize;

use crate::error::Result;
use crate::soap::ResponseStatus;
use crate::types::ews_struct;
use crate::types::{ImItemList, ServerVersionInfo};
use crate::xml::{FromXml, Limits};

ews_struct! {
    /// The message of a GetImItems or GetImItemList response
    /// (`GetImItemsResponseMessageType`, `GetImItemListResponseMessageType`).
    element ImItemsResponseMessage {
        .. status: ResponseStatus,
        im_item_list: "ImItemList" => Option<ImItemList>,
    }
}

/// A parsed [GetImItems response](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitemsresponse)
/// (or GetImItemList response: same shape).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetImItemsResponse {
    /// `ServerVersionInfo` from the SOAP header, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_version_info: Option<ServerVersionInfo>,
    /// The message: status and `ImItemList`.
    #[serde(flatten)]
    pub message: ImItemsResponseMessage,
}

impl crate::json::ToJson for GetImItemsResponse {
    fn write_json(&self, out: &mut crate::json::JsonOut) {
        use crate::json::JsonFields;
        out.begin_object();
        if let Some(v) = &self.server_version_info {
            out.key("serverVersionInfo");
            v.write_json(out);
        }
        self.message.write_fields(out);
        out.end_object();
    }
}

pub(crate) fn read_im_response(
    xml: &str,
    limits: &Limits,
    element: &str,
) -> Result<GetImItemsResponse> {
    let (server_version_info, message) =
        crate::soap::read_envelope(xml, limits, element, |r, s| {
            Ok(ImItemsResponseMessage::from_xml(r, s)?.unwrap_or_default())
        })?;
    Ok(GetImItemsResponse {
        server_version_info,
        message,
    })
}

/// The GetImItems operation.
#[derive(Debug, Clone, Copy, Default)]
pub struct GetImItems;

impl crate::operations::Operation for GetImItems {
    const NAME: &'static str = "GetImItems";
    const RESPONSE_ELEMENT: &'static str = "GetImItemsResponse";
    type Response = GetImItemsResponse;
    fn parse_response(xml: &str, limits: &Limits) -> Result<GetImItemsResponse> {
        parse_get_im_items_response_with(xml, limits)
    }
}

/// Parses a GetImItems response envelope with the default [`Limits`].
pub fn parse_get_im_items_response(xml: &str) -> Result<GetImItemsResponse> {
    parse_get_im_items_response_with(xml, &Limits::default())
}

/// Parses a GetImItems response envelope within `limits`.
pub fn parse_get_im_items_response_with(xml: &str, limits: &Limits) -> Result<GetImItemsResponse> {
    read_im_response(xml, limits, "GetImItemsResponse")
}
