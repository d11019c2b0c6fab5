//! SOAP envelopes: writing requests (with their headers) and reading responses.

mod header;
mod read;

pub(crate) use header::write_envelope;
pub use header::{ExchangeVersion, Impersonation, RequestHeader, TimeZoneContext};
pub use read::{
    read_envelope, read_envelope_parts, EnvelopePart, MessageXml, ResponseClass, ResponseStatus,
};
