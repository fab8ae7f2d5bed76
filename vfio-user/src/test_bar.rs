//! The served function's test BAR (`regmap::test_bar`, BAR4): the harness's side channel to
//! the card's wire and faults. Hardware has no such BAR; the driver never touches it.

use macsec_model::card::{Fault, HostMemory};
use macsec_model::regmap::test_bar as tb;

use crate::function::State;

/// A test BAR read (`regmap::test_bar`); `None` outside it.
pub(crate) fn read(st: &mut State, off: usize, out: &mut [u8]) -> Option<()> {
    let end = off.checked_add(out.len())?;
    let frame = tb::FRAME as usize;
    if off >= frame && end <= frame + st.frame.len() {
        out.copy_from_slice(&st.frame[off - frame..end - frame]);
        return Some(());
    }
    if out.len() != 4 || off % 4 != 0 || end > frame {
        return None;
    }
    let o = off as u32;
    let bits = Fault::ALL
        .iter()
        .enumerate()
        .filter(|(_, f)| st.card.faults.contains(f))
        .fold(0u32, |m, (i, _)| m | 1 << i);
    let v = match o {
        x if x == tb::ID.offset => tb::ID_VALUE,
        x if x == tb::FAULTS.offset => bits | if st.faults.gone { tb::FAULT_GONE } else { 0 },
        x if x == tb::LOSE_MESSAGES.offset => st.faults.lose_messages,
        x if x == tb::WIRE_CAPTURE.offset => st.wire_capture as u32,
        x if x == tb::IDLE.offset => st.idle as u32,
        x if x == tb::CAPTURED.offset => st.capture.len() as u32,
        x if x == tb::CAPTURE_NEXT.offset => match st.capture.pop_front() {
            Some(f) => {
                let n = f.len().min(st.frame.len());
                st.frame[..n].copy_from_slice(&f[..n]);
                n as u32
            }
            None => 0,
        },
        x if x == tb::MESSAGES_SENT.offset => st.stats.messages_sent as u32,
        x if x == tb::MESSAGES_LOST.offset => st.stats.messages_lost as u32,
        x if x == tb::DMA_REFUSED.offset => st.dma.refused as u32,
        x if x == tb::RESETS.offset => st.stats.resets as u32,
        x if x == tb::DMA_LO.offset => st.test_dma as u32,
        x if x == tb::DMA_HI.offset => (st.test_dma >> 32) as u32,
        x if x == tb::CAPTURE_DMA.offset => match st.capture.pop_front() {
            Some(f) => {
                let at = st.test_dma;
                match st.dma.write(at, &f[..f.len().min(tb::FRAME_SIZE as usize)]) {
                    Ok(()) => f.len() as u32,
                    Err(_) => u32::MAX,
                }
            }
            None => 0,
        },
        _ => 0,
    };
    out.copy_from_slice(&v.to_le_bytes());
    Some(())
}

/// A test BAR write; `None` outside it or for a length INJECT cannot take.
pub(crate) fn write(st: &mut State, off: usize, data: &[u8]) -> Option<()> {
    let end = off.checked_add(data.len())?;
    let frame = tb::FRAME as usize;
    if off >= frame && end <= frame + st.frame.len() {
        st.frame[off - frame..end - frame].copy_from_slice(data);
        return Some(());
    }
    if data.len() != 4 || off % 4 != 0 || end > frame {
        return None;
    }
    let v = u32::from_le_bytes([data[0], data[1], data[2], data[3]]);
    match off as u32 {
        x if x == tb::FAULTS.offset => {
            st.card.faults = Fault::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| v & 1 << i != 0)
                .map(|(_, f)| *f)
                .collect();
            st.faults.gone = v & tb::FAULT_GONE != 0;
        }
        x if x == tb::LOSE_MESSAGES.offset => st.faults.lose_messages = v,
        x if x == tb::WIRE_CAPTURE.offset => st.wire_capture = v & 1 != 0,
        x if x == tb::DMA_LO.offset => st.test_dma = (st.test_dma & !0xFFFF_FFFF) | v as u64,
        x if x == tb::DMA_HI.offset => st.test_dma = (st.test_dma & 0xFFFF_FFFF) | (v as u64) << 32,
        x if x == tb::INJECT_DMA.offset => {
            let n = v as usize;
            if n == 0 || n > tb::FRAME_SIZE as usize {
                return None;
            }
            let mut f = vec![0u8; n];
            let at = st.test_dma;
            st.dma.read(at, &mut f).ok()?;
            st.wire_in.push_back(f);
        }
        x if x == tb::INJECT.offset => {
            let n = v as usize;
            if n == 0 || n > st.frame.len() {
                return None;
            }
            let f = st.frame[..n].to_vec();
            st.wire_in.push_back(f);
        }
        _ => {}
    }
    Some(())
}
