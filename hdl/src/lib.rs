//! The MACsec engine as synthesizable rust-hdl RTL.
//!
//! Empty until the crypto-core and engine issues fill it; nothing here pretends to work yet.
