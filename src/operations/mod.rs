//! The four operations, one module each: the request and its builder, the
//! response and its parser.

pub mod get_conversation_items;
pub mod get_im_item_list;
pub mod get_im_items;
pub mod sync_folder_items;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::types::ServerVersionInfo;
use crate::xml::{FromXml, Limits, Start, XmlReader};

/// Pairs an operation's request with its response and element names, so that
/// generic code (the client, the JS layer) can drive any of the four.
pub trait Operation {
    /// The operation name (`SyncFolderItems`, …).
    const NAME: &'static str;
    /// The response element in the SOAP body (`SyncFolderItemsResponse`, …).
    const RESPONSE_ELEMENT: &'static str;
    /// The parsed response.
    type Response: Serialize;
    /// Parses a response envelope within `limits`.
    fn parse_response(xml: &str, limits: &Limits) -> Result<Self::Response>;
}

/// Reads `ResponseMessages` of a wrapped response (`…Response/ResponseMessages/…ResponseMessage`).
pub(crate) fn read_wrapped<M: FromXml>(
    xml: &str,
    limits: &Limits,
    element: &str,
) -> Result<(Option<ServerVersionInfo>, Vec<M>)> {
    crate::soap::read_envelope(
        xml,
        limits,
        element,
        |r: &mut XmlReader<'_>, s: &Start<'_>| {
            let mut messages = None;
            while let Some(c) = r.next_child(s)? {
                if c.local() == "ResponseMessages" && messages.is_none() {
                    messages = Vec::<M>::from_xml(r, &c)?;
                    if messages.is_none() {
                        return Err(Error::not_soap(
                            "ResponseMessages",
                            "a response message could not be read",
                        ));
                    }
                } else {
                    r.skip(&c)?;
                }
            }
            messages.ok_or_else(|| Error::not_soap(element, "the response has no ResponseMessages"))
        },
    )
}
