//! Secure Frame Verification (802.1AE-2018 10.6): the receive decision tree, every branch ending
//! in exactly one counter (10.7.9).

use crate::sci::{Sci, PORT_ES, PORT_SCB};
use crate::wire::{self, SecTag, Tci, ADDRS_LEN, ICV_LEN, MACSEC_ETHERTYPE};

use super::controls::ValidateFrames;
use super::pn::recover_xpn;
use super::stats::RxCounter;
use super::SecY;

/// The outcome of one received frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RxResult {
    /// The one counter this frame moved, or `None` when validateFrames is Null (no processing).
    /// The frame reached the Controlled Port iff [`RxResult::delivered`].
    pub counter: Option<RxCounter>,
    /// Index of the receive SC in [`SecY::rx_scs`], once the SCI was found.
    pub sc: Option<usize>,
    /// The AN and the (recovered) PN, once the SecTAG was parsed.
    pub an: Option<u8>,
    pub pn: Option<u64>,
}

impl RxResult {
    pub fn delivered(&self) -> bool {
        self.counter.is_none_or(RxCounter::delivers)
    }
}

impl SecY {
    /// Verify one frame from the Common Port. A delivered frame (`DA ‖ SA ‖ User Data`, SecTAG and
    /// ICV removed) is left in `out`; otherwise `out` is empty.
    pub fn validate(&mut self, frame: &[u8], out: &mut Vec<u8>) -> RxResult {
        out.clear();
        let mut r = RxResult {
            counter: None,
            sc: None,
            an: None,
            pn: None,
        };
        let vf = self.controls.validate_frames;
        if vf == ValidateFrames::Null {
            out.extend_from_slice(frame);
            return r;
        }
        if wire::ethertype(frame) != Some(MACSEC_ETHERTYPE) {
            if vf == ValidateFrames::Strict {
                return self.count_rx(r, RxCounter::NoTag);
            }
            out.extend_from_slice(frame);
            return self.count_rx(r, RxCounter::Untagged);
        }
        let Ok(tag) = SecTag::parse(frame) else {
            return self.count_rx(r, RxCounter::BadTag);
        };
        let an = tag.tci.an();
        r.an = Some(an);
        let changed = tag.tci.has(Tci::C);
        let strict_or_changed = vf == ValidateFrames::Strict || changed;
        let secure = ADDRS_LEN + tag.len()..frame.len() - ICV_LEN;

        // 10.6.1: find the receive SC, then the SA.
        let Some(sci) = self.frame_sci(&tag, frame) else {
            return self.no_sc(r, strict_or_changed, frame, secure, out);
        };
        let Some(sci_index) = self
            .rx_scs
            .iter()
            .position(|sc| sc.sci == sci && sc.enabled)
        else {
            return self.no_sc(r, strict_or_changed, frame, secure, out);
        };
        r.sc = Some(sci_index);
        let suite = self.controls.cipher_suite;
        let window = self.controls.effective_replay_window();
        let replay = self.controls.replay_protect;
        let offset = self.controls.confidentiality_offset as usize;
        let sc = &mut self.rx_scs[sci_index];
        let sa = match sc.sas[an as usize].as_mut() {
            Some(sa) if sa.enabled => sa,
            other => {
                let c = if strict_or_changed {
                    RxCounter::NoSAError
                } else {
                    RxCounter::NoSA
                };
                if let Some(sa) = other {
                    sa.stats.count(c);
                }
                if c == RxCounter::NoSA {
                    strip(frame, secure, out);
                }
                return self.count_rx_sc(r, c);
            }
        };

        // 10.6.2: the full PN, and the preliminary replay check.
        let pn = if suite.is_xpn() {
            recover_xpn(tag.pn, sa.lowest_pn)
        } else {
            tag.pn as u64
        };
        r.pn = Some(pn);
        if replay && pn < sa.lowest_pn {
            return self.count_rx_sc(r, RxCounter::Late);
        }

        // 10.6.3: validate (or not, when Disabled). The output is DA ‖ SA ‖ Secure Data, and the
        // cipher runs in place over the Secure Data; A is read straight from the received frame.
        let user_len = secure.len() as u64;
        strip(frame, secure.clone(), out);
        let mut valid = false;
        if vf != ValidateFrames::Disabled {
            let encrypted = tag.tci.has(Tci::E);
            let clear = if encrypted {
                offset.min(secure.len())
            } else {
                secure.len()
            };
            let aad = &frame[..secure.start + clear];
            let mut icv = [0u8; ICV_LEN];
            icv.copy_from_slice(&frame[secure.end..]);
            let iv = sa.iv.iv(pn);
            valid = sa.aead.open(&iv, aad, &mut out[ADDRS_LEN + clear..], &icv);
            if encrypted {
                sc.stats.in_octets_decrypted += user_len;
                self.stats.in_octets_decrypted += user_len;
            } else {
                sc.stats.in_octets_validated += user_len;
                self.stats.in_octets_validated += user_len;
            }
        }
        // 10.6.4 repeats the replay check after validation for implementations that queue
        // frames; this model validates each frame before the next, so nothing can change between.

        // 10.6.5.
        if !valid && strict_or_changed {
            out.clear();
            sa.stats.count(RxCounter::NotValid);
            return self.count_rx_sc(r, RxCounter::NotValid);
        }
        let c = if !valid && vf == ValidateFrames::Check {
            RxCounter::Invalid
        } else if pn < sa.lowest_pn {
            RxCounter::Delayed
        } else if !valid {
            RxCounter::Unchecked
        } else {
            RxCounter::OK
        };
        if valid && pn >= sa.next_pn {
            sa.next_pn = pn.saturating_add(1);
            sa.lowest_pn = sa.lowest_pn.max(sa.next_pn.saturating_sub(window));
        }
        sa.stats.count(c);
        self.count_rx_sc(r, c)
    }

    /// The SCI of a received frame (10.6.1, 9.5): carried, implied by ES, or the single peer's.
    fn frame_sci(&self, tag: &SecTag, frame: &[u8]) -> Option<Sci> {
        if let Some(sci) = tag.sci {
            return Some(sci);
        }
        if tag.tci.has(Tci::ES) {
            let port = if tag.tci.has(Tci::SCB) {
                PORT_SCB
            } else {
                PORT_ES
            };
            return Some(Sci::new(wire::source_address(frame), port));
        }
        // Point to point: the KaY's one peer, if there is exactly one.
        match self.rx_scs.as_slice() {
            [only] => Some(only.sci),
            _ => None,
        }
    }

    /// 10.6.1 a)/b): no receive SC for this SCI.
    fn no_sc(
        &mut self,
        r: RxResult,
        strict_or_changed: bool,
        frame: &[u8],
        secure: std::ops::Range<usize>,
        out: &mut Vec<u8>,
    ) -> RxResult {
        if strict_or_changed {
            self.stats.in_pkts_no_sci += 1;
            self.count_rx(r, RxCounter::NoSAError)
        } else {
            self.stats.in_pkts_unknown_sci += 1;
            strip(frame, secure, out);
            self.count_rx(r, RxCounter::NoSA)
        }
    }

    fn count_rx(&mut self, mut r: RxResult, c: RxCounter) -> RxResult {
        self.stats.in_pkts[c.index()] += 1;
        r.counter = Some(c);
        r
    }

    fn count_rx_sc(&mut self, r: RxResult, c: RxCounter) -> RxResult {
        if let Some(i) = r.sc {
            self.rx_scs[i].stats.count(c);
        }
        self.count_rx(r, c)
    }
}

/// `DA ‖ SA ‖ frame[secure]` into `out`: the frame with SecTAG and ICV removed.
fn strip(frame: &[u8], secure: std::ops::Range<usize>, out: &mut Vec<u8>) {
    out.clear();
    out.reserve(ADDRS_LEN + secure.len());
    out.extend_from_slice(&frame[..ADDRS_LEN]);
    out.extend_from_slice(&frame[secure]);
}
