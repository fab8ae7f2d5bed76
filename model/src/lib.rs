//! The golden model of the MACsec engine: an IEEE 802.1AE-2018 SecY.
//!
//! Every other implementation in this workspace (the rust-hdl engine, the simulated cards, the
//! driver on a real card) is compared with this crate frame by frame and counter by counter, so it
//! follows the standard's words and clause numbers closely:
//!
//! * [`wire`]: the MACsec frame format of clause 9 (SecTAG build/parse, the 9.12 validity checks).
//! * [`cipher`]: the four cipher suites of clause 14 and the AEAD backends behind one trait.
//! * [`secy`]: Secure Frame Generation (10.5), Secure Frame Verification (10.6), the SC/SA state
//!   and the counters of 10.7.
//! * [`config`]: a serde/TOML configuration in the words of `ip macsec`.
//! * [`dev`]: the IEEE 802.1AE-2018 Annex C vectors and a runner usable with any implementation.

pub mod card;
pub mod cipher;
pub mod config;
pub mod de;
pub mod dev;
pub mod framebuf;
pub mod hexstr;
pub mod regmap;
pub mod sci;
pub mod secy;
pub mod wire;

pub use cipher::{Backend, CipherSuite, KeyId, Sak, Salt};
pub use config::Config;
pub use framebuf::FrameBuf;
pub use sci::Sci;
pub use secy::{RxCounter, RxResult, SecY, TxCounter, TxResult};
