//! Secure Frame Generation (802.1AE-2018 10.5).

use crate::framebuf::FrameBuf;
use crate::wire::{SecTag, Tci, ADDRS_LEN, ICV_LEN, SECTAG_LEN, SECTAG_SCI_LEN};

use super::stats::TxCounter;
use super::SecY;

/// What the transmit SA reported to the KaY while protecting a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PnEvent {
    /// The PN reached the rekey threshold: install the next SA and switch the encoding SA.
    Threshold { an: u8 },
    /// The SA used its last PN and stops; nothing more is sent with it.
    Exhausted { an: u8 },
}

/// The outcome of one transmit request.
///
/// `repr(C)` with `an` last: the fields are stored one by one, and a caller reading the
/// one-octet `an` must not get a load widened over its neighbours (a store-forwarding stall).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct TxResult {
    /// The PN used, for protected frames.
    pub pn: u64,
    /// The one counter this frame moved; the frame left on the Common Port iff
    /// [`TxCounter::transmits`].
    pub counter: TxCounter,
    pub event: Option<PnEvent>,
    /// The AN used, for protected frames.
    pub an: u8,
}

/// The largest User Data a suite protects (14.2).
const MAX_USER_DATA: usize = 0xFFFF;

impl SecY {
    /// Protect one frame (`DA ‖ SA ‖ User Data`, no FCS) in place: the SecTAG goes into the
    /// buffer's headroom, the cipher runs over the User Data where it lies, the ICV is appended.
    /// A frame that is not transmitted leaves the buffer empty.
    pub fn protect(&mut self, frame: &mut FrameBuf) -> TxResult {
        let mut r = TxResult {
            counter: TxCounter::Untagged,
            an: self.tx_sc.encoding_sa,
            pn: 0,
            event: None,
        };
        if !self.controls.protect_frames {
            return self.count_tx(r, frame);
        }
        if frame.len() <= ADDRS_LEN {
            r.counter = TxCounter::TooShort;
            return self.count_tx(r, frame);
        }
        let an = self.tx_sc.encoding_sa;
        let suite = self.controls.cipher_suite;
        let Some(sa) = self.tx_sc.sas[an as usize]
            .as_mut()
            .filter(|sa| sa.enabled && !sa.exhausted)
        else {
            r.counter = TxCounter::NoSA;
            return self.count_tx(r, frame);
        };

        // 10.5.2: the PN is taken now; a frame discarded later still used it.
        let pn = sa.next_pn;
        r.pn = pn;
        sa.next_pn = pn.saturating_add(1);
        if pn >= self.controls.pn_threshold && !sa.threshold_reached {
            sa.threshold_reached = true;
            r.event = Some(PnEvent::Threshold { an });
        }
        if pn >= suite.max_pn() {
            // The stronger news wins when both happen on one frame; both flags stay set.
            sa.exhausted = true;
            r.event = Some(PnEvent::Exhausted { an });
        }

        // 10.5.3, Table 10-1: whether the SCI is carried.
        let c = &self.controls;
        let enabled_rx_scs = self.rx_scs.iter().filter(|sc| sc.enabled).count();
        let include_sci = c.always_include_sci || (enabled_rx_scs > 1 && !c.use_es && !c.use_scb);
        let user_len = frame.len() - ADDRS_LEN;
        let tag_len = if include_sci {
            SECTAG_SCI_LEN
        } else {
            SECTAG_LEN
        };
        let frame_len = ADDRS_LEN + tag_len + user_len + ICV_LEN;
        if user_len > MAX_USER_DATA || c.max_frame_len.is_some_and(|m| frame_len > m) {
            r.counter = TxCounter::TooLong;
            return self.count_tx(r, frame);
        }

        let mut tci = an;
        if include_sci {
            tci |= Tci::SC;
        } else {
            if c.use_es {
                tci |= Tci::ES;
            }
            if c.use_scb {
                tci |= Tci::SCB;
            }
        }
        if sa.confidentiality {
            tci |= Tci::E | Tci::C;
        }
        let tag = SecTag {
            tci: Tci(tci),
            sl: SecTag::short_length(user_len),
            pn: pn as u32,
            sci: include_sci.then_some(self.tx_sc.sci),
        };

        // In place: DA and SA move into the headroom, the SecTAG fills the gap, and the cipher runs
        // over the frame where it lies (14.5–14.8). The clear part (DA, SA, SecTAG and the
        // confidentiality offset, or everything for integrity only) is A.
        frame.push_front(tag_len);
        let f = frame.as_mut_slice();
        f.copy_within(tag_len..tag_len + ADDRS_LEN, 0);
        tag.emit(&mut f[ADDRS_LEN..ADDRS_LEN + tag_len]);
        let clear = if sa.confidentiality {
            (c.confidentiality_offset as usize).min(user_len)
        } else {
            user_len
        };
        let (aad, data) = f.split_at_mut(ADDRS_LEN + tag_len + clear);
        let iv = sa.iv.iv(pn);
        match sa.aead.seal(&iv, aad, data) {
            Ok(icv) => frame.extend_from_slice(&icv),
            Err(_) => {
                // Unreachable for frames within MAX_USER_DATA; counted, never half-written.
                r.counter = TxCounter::TooLong;
                return self.count_tx(r, frame);
            }
        }

        let octets = user_len as u64;
        let sc = &mut self.tx_sc.stats;
        if sa.confidentiality {
            r.counter = TxCounter::Encrypted;
            sa.stats.out_pkts_encrypted += 1;
            sc.out_pkts_encrypted += 1;
            sc.out_octets_encrypted += octets;
            self.stats.out_octets_encrypted += octets;
        } else {
            r.counter = TxCounter::Protected;
            sa.stats.out_pkts_protected += 1;
            sc.out_pkts_protected += 1;
            sc.out_octets_protected += octets;
            self.stats.out_octets_protected += octets;
        }
        self.count_tx(r, frame)
    }

    fn count_tx(&mut self, r: TxResult, frame: &mut FrameBuf) -> TxResult {
        self.stats.out_pkts[r.counter.index()] += 1;
        if !r.counter.transmits() {
            frame.clear();
        }
        r
    }
}
