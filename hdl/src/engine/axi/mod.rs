//! `macsec_engine_axi`: the engine behind standard interfaces, for designs that plug it in as
//! they would any IP block — an AXI4-Lite CSR slave and four AXI4-Stream ports of 128 bits
//! (`s_axis_tx` host frames in, `m_axis_tx` protected frames to the MAC, `s_axis_rx` frames from
//! the MAC, `m_axis_rx` validated frames to the host), with the status word, the drop mark and
//! the PN in `tuser` on each frame's last beat. The wrapper adds registers only on the CSR side
//! ([`axil`]); the streams are the engine's own ports with their octets in AXI's order
//! ([`lanes`]). [`bridge`] is the testbench's AXI master: it drives any simulation of this top
//! from the native seam, so the scoreboard and the lab verify the wrapper as well.

pub mod axil;
pub mod bridge;
pub mod lanes;
pub mod pins;
pub mod rust_hdl;
pub mod top;

/// `tuser` of a master stream: bit 0 the drop mark, bits 32:1 the status word, 96:33 the PN.
pub const TUSER_BITS: usize = 97;

/// The status word's drop bit (the same in both directions).
pub const DROP_BIT: u32 = super::tx_back::STATUS_DROP.trailing_zeros();
const _: () = assert!(
    super::tx_back::STATUS_DROP == super::rx_back::STATUS_DROP
        && super::tx_back::STATUS_DROP.count_ones() == 1
);

/// `tuser` for a beat's status word and PN.
pub fn tuser_of(status: u32, pn: u64) -> u128 {
    (pn as u128) << 33 | (status as u128) << 1 | ((status >> DROP_BIT) & 1) as u128
}

/// The status word and PN in a `tuser`, and its drop mark.
pub fn from_tuser(t: u128) -> (u32, u64, bool) {
    ((t >> 1) as u32, (t >> 33) as u64, t & 1 != 0)
}
