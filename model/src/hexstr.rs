//! Hexadecimal and integer parsing shared by the configuration and the CLI, with errors that name
//! the problem (the CLI turns them into one-line messages).

use thiserror::Error;

/// A value that could not be parsed. The text it holds is a [`preview`] of the input, never
/// the whole of it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("{0} is not hexadecimal")]
    NotHex(String),
    #[error("expected {expected} hex digits, got {got}")]
    HexLength { expected: usize, got: usize },
    #[error("{0} is not a number (decimal or 0x-hex)")]
    NotNumber(String),
}

/// Characters of a value shown in a message, at most.
const PREVIEW_CHARS: usize = 24;
/// Hex digits from which a value may be a key or a salt pasted in the wrong place (a salt has
/// 24, a 128-bit key 32): such a value is never shown.
const KEYLIKE_HEX_DIGITS: usize = 24;

/// A user's value as a message may show it: quoted, control characters escaped, cut to a short
/// prefix; and not at all when it holds enough hex digits to be a key or a salt.
pub fn preview(s: &str) -> String {
    let hex = s.chars().filter(char::is_ascii_hexdigit).count();
    let n = s.chars().count();
    if hex >= KEYLIKE_HEX_DIGITS {
        return format!("a value of {n} characters (not shown: it may be a key)");
    }
    let shown: String = s.chars().take(PREVIEW_CHARS).collect();
    let more = if n > PREVIEW_CHARS {
        format!("… ({n} characters)")
    } else {
        String::new()
    };
    format!("'{}'{more}", shown.escape_debug())
}

/// Strip an optional `0x` prefix and the separators people paste from tools (`:`, `-`, spaces).
fn clean(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    s.chars()
        .filter(|c| !matches!(c, ':' | '-' | ' ' | '_'))
        .collect()
}

/// Parse a hex string of any even length into bytes.
pub fn parse_hex(s: &str) -> Result<Vec<u8>, ParseError> {
    let c = clean(s);
    if c.is_empty() || !c.chars().all(|ch| ch.is_ascii_hexdigit()) {
        return Err(ParseError::NotHex(preview(s)));
    }
    if c.len() % 2 != 0 {
        return Err(ParseError::HexLength {
            expected: c.len() + 1,
            got: c.len(),
        });
    }
    hex::decode(&c).map_err(|_| ParseError::NotHex(preview(s)))
}

/// Parse a hex string of exactly `N` bytes.
pub fn parse_hex_array<const N: usize>(s: &str) -> Result<[u8; N], ParseError> {
    let c = clean(s);
    if c.is_empty() || !c.chars().all(|ch| ch.is_ascii_hexdigit()) {
        return Err(ParseError::NotHex(preview(s)));
    }
    if c.len() != 2 * N {
        return Err(ParseError::HexLength {
            expected: 2 * N,
            got: c.len(),
        });
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(&c, &mut out).map_err(|_| ParseError::NotHex(preview(s)))?;
    Ok(out)
}

/// Parse a decimal or `0x`-hex unsigned integer.
pub fn parse_u64(s: &str) -> Result<u64, ParseError> {
    let t = s.trim().replace('_', "");
    let r = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u64::from_str_radix(h, 16)
    } else {
        t.parse::<u64>()
    };
    r.map_err(|_| ParseError::NotNumber(preview(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_forms() {
        assert_eq!(parse_hex_array::<2>("0xAB:cd").unwrap(), [0xAB, 0xCD]);
        assert_eq!(
            parse_hex_array::<2>("ABC"),
            Err(ParseError::HexLength {
                expected: 4,
                got: 3
            })
        );
        assert!(matches!(parse_hex("zz"), Err(ParseError::NotHex(_))));
        assert_eq!(parse_u64("0x10").unwrap(), 16);
        assert_eq!(parse_u64("4_294_967_295").unwrap(), 0xFFFF_FFFF);
        assert!(parse_u64("-1").is_err());
    }

    #[test]
    fn previews_are_short_escaped_and_never_key_like() {
        assert_eq!(preview("12ab"), "'12ab'");
        assert_eq!(preview("a\x1b[2Jb"), "'a\\u{1b}[2Jb'");
        let long = "z".repeat(50_000_000);
        let p = preview(&long);
        assert!(p.len() < 80 && p.contains("50000000 characters"), "{p}");
        for key in [
            "AD7A2BD03EAC835A6F620FDCB506B345",
            "E630E81A48DE86A21C66FA6D",
        ] {
            let p = preview(key);
            assert!(!p.contains("AD7A") && !p.contains("E630"), "{p}");
        }
        assert!(
            matches!(parse_u64("AD7A2BD03EAC835A6F620FDCB506B3"), Err(ParseError::NotNumber(m)) if !m.contains("AD7A"))
        );
    }
}
