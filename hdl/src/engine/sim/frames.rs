//! Frames on the streaming ports: a frame cut into beats for an input port, and the beats of an
//! output port gathered back into frames with their status words.

use std::collections::VecDeque;

use crate::engine::pins::OutBeat;
use crate::lanes::{from_bytes, to_bytes};

/// One beat of a frame on a streaming port.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PortBeat {
    pub sop: bool,
    pub eop: bool,
    pub mask: u16,
    pub d: [u32; 4],
}

/// A frame's beats: 16 octets each, the last with a mask of its leading valid octets.
pub fn frame_beats(frame: &[u8]) -> Vec<PortBeat> {
    let n = frame.len().div_ceil(16).max(1);
    (0..n)
        .map(|i| {
            let chunk = &frame[(16 * i).min(frame.len())..(16 * i + 16).min(frame.len())];
            let mut b = [0u8; 16];
            b[..chunk.len()].copy_from_slice(chunk);
            PortBeat {
                sop: i == 0,
                eop: i == n - 1,
                mask: crate::engine::gather::mask_of(chunk.len()),
                d: from_bytes(&b),
            }
        })
        .collect()
}

/// A frame that left an output port, with the status word of its last beat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutFrame {
    pub data: Vec<u8>,
    pub status: u32,
    /// The PN on its last beat (0 when the frame took none).
    pub pn: u64,
    /// Cycle of its first and last beat.
    pub first: u64,
    pub last: u64,
}

#[derive(Default)]
pub(super) struct Collector {
    pub(super) cur: Vec<u8>,
    first: u64,
    pub(super) done: VecDeque<OutFrame>,
}

impl Collector {
    pub(super) fn beat(&mut self, cycle: u64, b: &OutBeat) {
        if b.sop {
            self.cur.clear();
            self.first = cycle;
        }
        let n = b.mask.count_ones() as usize;
        self.cur.extend_from_slice(&to_bytes(b.d)[..n]);
        if b.eop {
            self.done.push_back(OutFrame {
                data: std::mem::take(&mut self.cur),
                status: b.status,
                pn: b.pn,
                first: self.first,
                last: cycle,
            });
        }
    }
}

/// The frames queued on the input ports and collected from the output ports.
impl super::EngineSim {
    /// Queue a frame on the egress input port.
    pub fn send_egress(&mut self, frame: &[u8]) {
        self.e_in.extend(frame_beats(frame).into_iter().map(Some));
    }

    /// Leave the egress input idle for `n` cycles after what is queued.
    pub fn idle_egress(&mut self, n: usize) {
        self.e_in.extend(std::iter::repeat_n(None, n));
    }

    pub fn egress_pending(&self) -> usize {
        self.e_in.len()
    }

    /// The next frame out of the egress port, if one has left.
    pub fn egress_out(&mut self) -> Option<OutFrame> {
        self.e_out.done.pop_front()
    }

    pub fn egress_done(&self) -> usize {
        self.e_out.done.len()
    }

    /// Queue a frame on the ingress input port.
    pub fn send_ingress(&mut self, frame: &[u8]) {
        self.i_in.extend(frame_beats(frame).into_iter().map(Some));
    }

    /// Leave the ingress input idle for `n` cycles after what is queued.
    pub fn idle_ingress(&mut self, n: usize) {
        self.i_in.extend(std::iter::repeat_n(None, n));
    }

    pub fn ingress_pending(&self) -> usize {
        self.i_in.len()
    }

    /// The next frame out of the ingress port, if one has left.
    pub fn ingress_out(&mut self) -> Option<OutFrame> {
        self.i_out.done.pop_front()
    }

    pub fn ingress_done(&self) -> usize {
        self.i_out.done.len()
    }
}
