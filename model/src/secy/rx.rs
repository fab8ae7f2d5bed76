//! Secure Frame Verification (802.1AE-2018 10.6): the receive decision tree, every branch ending
//! in exactly one counter (10.7.9).

use crate::framebuf::FrameBuf;
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
    /// Verify one frame from the Common Port, in place. A delivered frame is left in the buffer
    /// as `DA ‖ SA ‖ User Data` (SecTAG and ICV removed: only DA and SA move); a discarded frame
    /// leaves it empty.
    pub fn validate(&mut self, frame: &mut FrameBuf) -> RxResult {
        let r = self.verify(frame);
        if !r.delivered() {
            frame.clear();
        }
        r
    }

    fn verify(&mut self, frame: &mut FrameBuf) -> RxResult {
        let mut r = RxResult {
            counter: None,
            sc: None,
            an: None,
            pn: None,
        };
        let vf = self.controls.validate_frames;
        if vf == ValidateFrames::Null {
            return r;
        }
        if wire::ethertype(frame.as_slice()) != Some(MACSEC_ETHERTYPE) {
            let c = if vf == ValidateFrames::Strict {
                RxCounter::NoTag
            } else {
                RxCounter::Untagged
            };
            return self.count_rx(r, c);
        }
        let Ok(tag) = SecTag::parse(frame.as_slice()) else {
            return self.count_rx(r, RxCounter::BadTag);
        };
        let an = tag.tci.an();
        r.an = Some(an);
        let strict_or_changed = vf == ValidateFrames::Strict || tag.tci.has(Tci::C);
        let tag_len = tag.len();

        // 10.6.1: find the receive SC, then the SA.
        let sc_index = self.frame_sci(&tag, frame.as_slice()).and_then(|sci| {
            self.rx_scs
                .iter()
                .position(|sc| sc.sci == sci && sc.enabled)
        });
        let Some(sc_index) = sc_index else {
            return if strict_or_changed {
                self.stats.in_pkts_no_sci += 1;
                self.count_rx(r, RxCounter::NoSAError)
            } else {
                self.stats.in_pkts_unknown_sci += 1;
                strip(frame, tag_len);
                self.count_rx(r, RxCounter::NoSA)
            };
        };
        r.sc = Some(sc_index);
        let suite = self.controls.cipher_suite;
        let window = self.controls.effective_replay_window();
        let replay = self.controls.replay_protect;
        let offset = self.controls.confidentiality_offset as usize;
        let sc = &mut self.rx_scs[sc_index];
        let sa = match sc.sas[an as usize].as_mut() {
            Some(sa) if sa.enabled => sa,
            other => {
                let c = if strict_or_changed {
                    RxCounter::NoSAError
                } else {
                    strip(frame, tag_len);
                    RxCounter::NoSA
                };
                if let Some(sa) = other {
                    sa.stats.count(c);
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

        // 10.6.3: validate (or not, when Disabled), in place: A is the clear prefix of the frame
        // (DA, SA, SecTAG and the confidentiality offset, or all of it for integrity only).
        let secure_start = ADDRS_LEN + tag_len;
        let secure_len = frame.len() - secure_start - ICV_LEN;
        let mut valid = false;
        if vf != ValidateFrames::Disabled {
            let encrypted = tag.tci.has(Tci::E);
            let clear = if encrypted {
                offset.min(secure_len)
            } else {
                secure_len
            };
            let f = frame.as_mut_slice();
            let (body, icv) = f.split_at_mut(secure_start + secure_len);
            let (aad, data) = body.split_at_mut(secure_start + clear);
            let mut tag_icv = [0u8; ICV_LEN];
            tag_icv.copy_from_slice(icv);
            valid = sa.aead.open(&sa.iv.iv(pn), aad, data, &tag_icv);
            let octets = secure_len as u64;
            if encrypted {
                sc.stats.in_octets_decrypted += octets;
                self.stats.in_octets_decrypted += octets;
            } else {
                sc.stats.in_octets_validated += octets;
                self.stats.in_octets_validated += octets;
            }
        }
        // 10.6.4 repeats the replay check after validation for implementations that queue
        // frames; this model validates each frame before the next, so nothing can change between.

        // 10.6.5.
        if !valid && strict_or_changed {
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
            // nextPN saturates at 2^64 − 1: only a frame with the very last XPN PN, 2^64 frames
            // into an SA, could be accepted twice (with a window of 0).
            sa.next_pn = pn.saturating_add(1);
            sa.lowest_pn = sa.lowest_pn.max(sa.next_pn.saturating_sub(window));
        }
        sa.stats.count(c);
        strip(frame, tag_len);
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

    /// A frame the Common Port received but the SecY could not take: an implementation that
    /// validates slower than its port delivers (a card's ingress input FIFO full at the frame's
    /// start, or filling up during it) discards the frame before any check and counts
    /// InPktsOverrun (802.1AE-2018 10.7.9), moving nothing else: no SC or SA counter, no PN, no
    /// replay window. This model validates every frame before it takes the next, so only a
    /// caller that knows the frame was overrun calls it (the scoreboard, told by the card).
    pub fn overrun(&mut self) -> RxResult {
        let none = RxResult {
            counter: None,
            sc: None,
            an: None,
            pn: None,
        };
        self.count_rx(none, RxCounter::Overrun)
    }

    #[inline]
    fn count_rx(&mut self, mut r: RxResult, c: RxCounter) -> RxResult {
        self.stats.in_pkts[c.index()] += 1;
        r.counter = Some(c);
        r
    }

    #[inline]
    fn count_rx_sc(&mut self, r: RxResult, c: RxCounter) -> RxResult {
        if let Some(i) = r.sc {
            self.rx_scs[i].stats.count(c);
        }
        self.count_rx(r, c)
    }
}

/// Remove the SecTAG and ICV of a frame in place: DA and SA move up over the SecTAG.
fn strip(frame: &mut FrameBuf, tag_len: usize) {
    frame.as_mut_slice().copy_within(0..ADDRS_LEN, tag_len);
    frame.pop_front(tag_len);
    frame.truncate_back(ICV_LEN);
}
