//! Walking BAR0's chain of register blocks (TYPE, VERSION, NEXT), with loop detection.

use macsec_model::regmap::{header, BAR0_SIZE};

use crate::error::{DriverError, Result};
use crate::regif::RegisterIo;

/// One block as the card reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockInfo {
    pub base: u32,
    pub type_id: u32,
    pub version: u32,
}

/// The blocks of the card, in chain order.
pub fn walk(io: &dyn RegisterIo) -> Result<Vec<BlockInfo>> {
    let mut out = Vec::new();
    let mut base = 0u32;
    loop {
        if base % 4 != 0 || base >= BAR0_SIZE {
            return Err(DriverError::BadChain(format!(
                "block offset {base:#x} outside BAR0"
            )));
        }
        if out.iter().any(|b: &BlockInfo| b.base == base) || out.len() > 64 {
            return Err(DriverError::BadChain(format!("loop at {base:#x}")));
        }
        let type_id = io.read32(base + header::TYPE.offset())?;
        let version = io.read32(base + header::VERSION.offset())?;
        let next = io.read32(base + header::NEXT.offset())?;
        if type_id == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        out.push(BlockInfo {
            base,
            type_id,
            version,
        });
        if next == 0 {
            return Ok(out);
        }
        base = next;
    }
}
