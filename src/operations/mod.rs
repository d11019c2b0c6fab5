//! The four operations, one module each: the request and its builder, the
//! response and its parser.

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

/// Declares a response whose messages are wrapped in `ResponseMessages`
/// (SyncFolderItems, GetConversationItems): its struct, JSON form, operation
/// marker and the two parse functions.
macro_rules! wrapped_response {
    (
        $(#[$m:meta])*
        $response:ident { $messages_doc:literal $message:ty }
        $op:ident = $name:literal, $parse:ident, $parse_with:ident
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $response {
            /// `ServerVersionInfo` from the SOAP header, when present.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub server_version_info: Option<crate::types::ServerVersionInfo>,
            #[doc = $messages_doc]
            pub response_messages: Vec<$message>,
        }

        impl crate::json::ToJson for $response {
            fn write_json(&self, out: &mut crate::json::JsonOut) {
                out.begin_object();
                if let Some(v) = &self.server_version_info {
                    out.key("serverVersionInfo");
                    v.write_json(out);
                }
                out.key("responseMessages");
                self.response_messages.write_json(out);
                out.end_object();
            }
        }

        #[doc = concat!("The ", $name, " operation.")]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $op;

        impl crate::operations::Operation for $op {
            const NAME: &'static str = $name;
            const RESPONSE_ELEMENT: &'static str = concat!($name, "Response");
            type Response = $response;
            fn parse_response(xml: &str, limits: &crate::xml::Limits) -> crate::error::Result<$response> {
                $parse_with(xml, limits)
            }
        }

        #[doc = concat!("Parses a ", $name, " response envelope with the default [`Limits`](crate::xml::Limits).")]
        ///
        /// Error and Warning messages are returned as data; a SOAP Fault is
        /// [`crate::Error::SoapFault`].
        pub fn $parse(xml: &str) -> crate::error::Result<$response> {
            $parse_with(xml, &crate::xml::Limits::default())
        }

        #[doc = concat!("Parses a ", $name, " response envelope within `limits`.")]
        pub fn $parse_with(xml: &str, limits: &crate::xml::Limits) -> crate::error::Result<$response> {
            let (server_version_info, response_messages) =
                crate::operations::read_wrapped(xml, limits, concat!($name, "Response"))?;
            Ok($response {
                server_version_info,
                response_messages,
            })
        }
    };
}
pub(crate) use wrapped_response;

pub mod engine;
pub mod get_conversation_items;
pub mod get_im_item_list;
pub mod get_im_items;
pub mod sync_folder_items;

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
