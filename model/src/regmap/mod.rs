//! The card's register map: the single source from which the behavioral card, the RTL decode,
//! the driver, `docs/register-map.md`, the C header and the JSON description all derive.
//!
//! BAR0 is a chain of register blocks (as in Corundum): each opens with TYPE, VERSION and NEXT,
//! the offset of the next block (0 ends the chain). Offsets here are absolute BAR0 offsets.

pub mod card;
pub mod counters;
mod gen_c;
mod gen_md;
pub mod pci;
pub mod rings;
pub mod secy;
pub mod tables;
pub mod test_bar;
mod types;

pub use gen_c::c_header;
pub use gen_md::markdown;
pub use types::{Access, Block, Counter, Field, Format, Member, Register, Scope, Table, Word};

/// Vendor code in the upper half of every block type ("MS").
pub const VENDOR: u32 = 0x4D53_0000;

/// The size of BAR0.
pub const BAR0_SIZE: u32 = 0x1000;

/// Every block, in chain order.
pub const BLOCKS: &[Block] = &[
    card::BLOCK,
    secy::BLOCK,
    tables::window::BLOCK,
    counters::window::BLOCK,
    rings::tx::BLOCK,
    rings::rx::BLOCK,
];

pub(crate) const fn f(name: &'static str, lsb: u32, width: u32, doc: &'static str) -> Field {
    Field {
        name,
        lsb,
        width,
        doc,
    }
}

pub(crate) const fn r(
    name: &'static str,
    offset: u32,
    access: Access,
    reset: u32,
    doc: &'static str,
    fields: &'static [Field],
) -> Register {
    Register {
        name,
        offset,
        access,
        reset,
        doc,
        fields,
    }
}

/// The three registers every block opens with.
pub mod header {
    use super::{r, Access, Register};

    #[derive(Debug)]
    pub struct HeaderReg {
        name: &'static str,
        rel: u32,
        doc: &'static str,
    }

    impl HeaderReg {
        /// This header register in the block at `base`, reading `value`.
        pub const fn at(&self, base: u32, value: u32) -> Register {
            r(self.name, base + self.rel, Access::Ro, value, self.doc, &[])
        }
        pub const fn offset(&self) -> u32 {
            self.rel
        }
    }

    pub const TYPE: HeaderReg = HeaderReg {
        name: "TYPE",
        rel: 0x0,
        doc: "Block type: vendor [31:16], type [15:0].",
    };
    pub const VERSION: HeaderReg = HeaderReg {
        name: "VERSION",
        rel: 0x4,
        doc: "Block version: major [31:16], minor [15:0].",
    };
    pub const NEXT: HeaderReg = HeaderReg {
        name: "NEXT",
        rel: 0x8,
        doc: "BAR0 offset of the next block; 0 ends the chain.",
    };
}

/// The register at `offset`, if any.
pub fn register_at(offset: u32) -> Option<(&'static Block, &'static Register)> {
    BLOCKS.iter().find_map(|b| {
        b.registers
            .iter()
            .find(|r| r.offset == offset)
            .map(|r| (b, r))
    })
}

/// The whole map as JSON (`macsec regmap --format json`).
pub fn json() -> serde_json::Value {
    serde_json::json!({
        "map_version": card::MAP_VERSION,
        "bar0_size": BAR0_SIZE,
        "pci": pci::ITEMS,
        "blocks": BLOCKS,
        "tables": tables::TABLES,
        "counters": counters::COUNTERS,
        "formats": rings::FORMATS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_chain_and_do_not_overlap() {
        let mut seen = std::collections::HashSet::new();
        for (i, b) in BLOCKS.iter().enumerate() {
            let next = b.registers[2].reset;
            let want = BLOCKS.get(i + 1).map_or(0, |n| n.base);
            assert_eq!(next, want, "{} NEXT", b.name);
            assert_eq!(b.registers[0].reset, b.type_id);
            for r in b.registers {
                assert!(r.offset % 4 == 0 && r.offset < BAR0_SIZE, "{}", r.name);
                assert!(seen.insert(r.offset), "{}.{} overlaps", b.name, r.name);
                assert!(
                    r.offset >= b.base && r.offset < b.base + 0x100,
                    "{}",
                    r.name
                );
                let mut used = 0u32;
                for fl in r.fields {
                    assert!(fl.lsb + fl.width <= 32, "{}.{}", r.name, fl.name);
                    assert_eq!(used & fl.mask(), 0, "{}.{} overlaps", r.name, fl.name);
                    used |= fl.mask();
                }
            }
        }
    }

    #[test]
    fn field_helpers() {
        let fl = secy::CTRL_VALIDATE;
        assert_eq!(fl.mask(), 0x60);
        assert_eq!(fl.set(0xFFFF_FFFF, 1), 0xFFFF_FFBF);
        assert_eq!(fl.get(0x40), 2);
        assert_eq!(secy::CTRL_PROTECT.get(secy::CTRL_RESET), 1);
        assert_eq!(secy::CTRL_VALIDATE.get(secy::CTRL_RESET), 2);
        assert_eq!(secy::CTRL_REPLAY.get(secy::CTRL_RESET), 1);
    }
}
