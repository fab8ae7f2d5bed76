//! The register map in the RTL: two leaves generated from `macsec-model::regmap`, so the engine
//! decodes exactly the addresses and fields the driver, the docs and the C header use.
//! [`CsrDecode`] turns a bus address into one strobe per register (and the value of the
//! constant ones); [`CsrCodec`] unpacks the fields of written and stored words and packs the
//! words read back. Their Verilog bodies are printed from the same tables.

mod codec;
mod decode;

pub use codec::CsrCodec;
pub use decode::{constants, strobes, CsrDecode};
