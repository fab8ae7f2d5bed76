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
        // Blocks come in address order: a NEXT at or below its own block is a bad chain.
        if next <= base {
            return Err(DriverError::BadChain(format!(
                "block at {base:#x} names {next:#x} as the next"
            )));
        }
        base = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A BAR0 of (offset, value) pairs; everything else reads 0.
    struct Regs(HashMap<u32, u32>);

    impl RegisterIo for Regs {
        fn read32(&self, offset: u32) -> Result<u32> {
            Ok(self.0.get(&offset).copied().unwrap_or(0))
        }
        fn write32(&self, _: u32, _: u32) -> Result<()> {
            Ok(())
        }
    }

    fn chain(links: &[(u32, u32)]) -> Regs {
        let mut m = HashMap::new();
        for &(base, next) in links {
            m.insert(base + header::TYPE.offset(), 0x1234);
            m.insert(base + header::NEXT.offset(), next);
        }
        Regs(m)
    }

    #[test]
    fn bad_chains_are_refused() {
        assert_eq!(walk(&chain(&[(0, 0x100), (0x100, 0)])).unwrap().len(), 2);
        for links in [
            &[(0, 0x100), (0x100, 0x100)][..],
            &[(0, 0x100), (0x100, 0x80)][..],
            &[(0, BAR0_SIZE)][..],
            &[(0, 0x102)][..],
        ] {
            let e = walk(&chain(links));
            assert!(
                matches!(e, Err(DriverError::BadChain(_))),
                "{links:?}: {e:?}"
            );
        }
    }
}
