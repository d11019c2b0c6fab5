//! The GetImItemList response (same shape as GetImItems').

use crate::error::Result;
use crate::operations::get_im_items::{read_im_response, GetImItemsResponse};
use crate::xml::Limits;

/// A parsed [GetImItemList response](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getimitemlistresponse):
/// the same shape as [`GetImItemsResponse`].
pub type GetImItemListResponse = GetImItemsResponse;

/// The GetImItemList operation.
#[derive(Debug, Clone, Copy, Default)]
pub struct GetImItemList;

impl crate::operations::Operation for GetImItemList {
    const NAME: &'static str = "GetImItemList";
    const RESPONSE_ELEMENT: &'static str = "GetImItemListResponse";
    type Response = GetImItemListResponse;
    fn parse_response(xml: &str, limits: &Limits) -> Result<GetImItemListResponse> {
        parse_get_im_item_list_response_with(xml, limits)
    }
}

/// Parses a GetImItemList response envelope with the default [`Limits`].
pub fn parse_get_im_item_list_response(xml: &str) -> Result<GetImItemListResponse> {
    parse_get_im_item_list_response_with(xml, &Limits::default())
}

/// Parses a GetImItemList response envelope within `limits`.
pub fn parse_get_im_item_list_response_with(
    xml: &str,
    limits: &Limits,
) -> Result<GetImItemListResponse> {
    read_im_response(xml, limits, "GetImItemListResponse")
}
