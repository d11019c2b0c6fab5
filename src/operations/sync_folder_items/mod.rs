mod request;
mod response;

pub use request::*;
pub use response::*;
