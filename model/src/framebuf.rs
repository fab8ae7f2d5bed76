//! A frame buffer with headroom and tailroom, so that the SecY can insert the SecTAG and append
//! the ICV — or remove them — in place: only DA and SA (12 octets) ever move, the User Data is
//! never copied, and a buffer reused across frames allocates nothing after the first.

use crate::wire::{ICV_LEN, SECTAG_SCI_LEN};

/// Room kept in front of the frame: the longest SecTAG.
pub const HEADROOM: usize = SECTAG_SCI_LEN;

/// A frame (`DA ‖ SA ‖ …`, no FCS) in a reusable buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameBuf {
    buf: Vec<u8>,
    head: usize,
}

impl FrameBuf {
    pub fn new() -> FrameBuf {
        FrameBuf::default()
    }

    /// An empty buffer that holds frames of up to `frame_len` octets (plus SecTAG and ICV)
    /// without reallocating.
    pub fn with_capacity(frame_len: usize) -> FrameBuf {
        FrameBuf {
            buf: Vec::with_capacity(HEADROOM + frame_len + ICV_LEN),
            head: 0,
        }
    }

    /// Replace the contents with `frame`, leaving headroom in front of it.
    pub fn set(&mut self, frame: &[u8]) {
        // Keep whatever the headroom held (it is never part of the view) rather than zero it
        // for every frame.
        if self.buf.len() >= HEADROOM {
            self.buf.truncate(HEADROOM);
        } else {
            self.buf.clear();
            self.buf.resize(HEADROOM, 0);
        }
        self.buf.reserve(frame.len() + ICV_LEN);
        self.buf.extend_from_slice(frame);
        self.head = HEADROOM;
    }

    /// Replace the contents with what `fill` appends to the buffer (a DMA read, say), straight
    /// into place after the headroom. On error the buffer is left empty.
    pub fn fill<E>(&mut self, fill: impl FnOnce(&mut Vec<u8>) -> Result<(), E>) -> Result<(), E> {
        if self.buf.len() >= HEADROOM {
            self.buf.truncate(HEADROOM);
        } else {
            self.buf.clear();
            self.buf.resize(HEADROOM, 0);
        }
        self.head = HEADROOM;
        let r = fill(&mut self.buf);
        if r.is_err() {
            self.clear();
        }
        r
    }

    pub fn clear(&mut self) {
        self.buf.clear();
        self.head = 0;
    }

    pub fn len(&self) -> usize {
        self.buf.len() - self.head
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn as_slice(&self) -> &[u8] {
        &self.buf[self.head..]
    }

    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.buf[self.head..]
    }

    pub fn to_vec(&self) -> Vec<u8> {
        self.as_slice().to_vec()
    }

    /// Open `n` octets in front of the frame (moving the frame only if the headroom is short).
    pub fn push_front(&mut self, n: usize) {
        if self.head < n {
            let grow = n - self.head;
            self.buf.splice(0..0, std::iter::repeat_n(0u8, grow));
            self.head += grow;
        }
        self.head -= n;
    }

    /// Drop `n` octets from the front of the view (nothing moves).
    pub fn pop_front(&mut self, n: usize) {
        self.head += n.min(self.len());
    }

    /// Append octets at the end.
    pub fn extend_from_slice(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    /// Drop `n` octets from the end.
    pub fn truncate_back(&mut self, n: usize) {
        let len = self.buf.len() - n.min(self.len());
        self.buf.truncate(len);
    }
}

impl From<&[u8]> for FrameBuf {
    fn from(frame: &[u8]) -> FrameBuf {
        let mut b = FrameBuf::new();
        b.set(frame);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_and_back() {
        let mut b = FrameBuf::from(&[1u8, 2, 3][..]);
        b.push_front(2);
        b.as_mut_slice()[..2].copy_from_slice(&[8, 9]);
        b.extend_from_slice(&[4]);
        assert_eq!(b.as_slice(), &[8, 9, 1, 2, 3, 4]);
        b.pop_front(3);
        b.truncate_back(1);
        assert_eq!(b.as_slice(), &[2, 3]);
        // More than the headroom: the frame moves, nothing is lost.
        b.push_front(HEADROOM + 5);
        assert_eq!(&b.as_slice()[HEADROOM + 5..], &[2, 3]);
    }
}
