//! Deserializing configuration strings without echoing values. serde's own "invalid type"
//! errors quote what they found (`invalid type: integer `781271993070307381``, 60 bits of a key
//! typed as a number); these visitors name only the kind of value, and errors about a string
//! show a [`preview`] of it, or nothing at all for the secret fields (key, salt).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use zeroize::Zeroizing;

use crate::hexstr::preview;

/// A string field, read without repeating a value of the wrong type.
struct QuietString {
    field: &'static str,
}

fn wrong<E: de::Error>(field: &str, what: &str) -> E {
    E::custom(format!("{field} must be a string, not {what}"))
}

impl<'de> Visitor<'de> for QuietString {
    type Value = Zeroizing<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} as a string", self.field)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Zeroizing::new(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Zeroizing::new(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(wrong(self.field, "a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(wrong(self.field, "an integer"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(wrong(self.field, "an integer"))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Self::Value, E> {
        Err(wrong(self.field, "an integer"))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Self::Value, E> {
        Err(wrong(self.field, "an integer"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(wrong(self.field, "a number"))
    }
    fn visit_char<E: de::Error>(self, _: char) -> Result<Self::Value, E> {
        Err(wrong(self.field, "a character"))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Err(wrong(self.field, "bytes"))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(wrong(self.field, "nothing"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(wrong(self.field, "nothing"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(wrong(self.field, "an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        // TOML dates and times arrive as maps too.
        Err(wrong(self.field, "a table or a date"))
    }
}

/// Read field `field` as a string; a value of another type is named by its type only.
pub fn string<'de, D: Deserializer<'de>>(
    d: D,
    field: &'static str,
) -> Result<Zeroizing<String>, D::Error> {
    d.deserialize_any(QuietString { field })
}

/// Read a string and parse it with `parse`; its error is the message, prefixed by the field.
pub fn parsed<'de, D, T, E>(
    d: D,
    field: &'static str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    let s = string(d, field)?;
    parse(&s).map_err(|e| de::Error::custom(format!("{field}: {e}")))
}

/// Put every quoted part of a message (in backticks or double quotes, as serde and toml quote
/// names and values) through [`preview`]: nothing a user typed comes back whole, nor anything
/// that looks like a key.
pub fn quiet_message(msg: &str) -> String {
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find(['`', '"']) {
        let q = rest[i..].chars().next().unwrap_or('"');
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (inner, tail) = match after.find(q) {
            Some(j) => (&after[..j], &after[j + 1..]),
            None => (after, ""),
        };
        out.push_str(&preview(inner));
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_parts_are_previewed() {
        let m = quiet_message(
            "invalid type: string \"AD7A2BD03EAC835A6F620FDCB506B345\", expected u64",
        );
        assert!(!m.contains("AD7A"), "{m}");
        let m = quiet_message("unknown field `kex`, expected one of `an`, `key`");
        assert_eq!(m, "unknown field 'kex', expected one of 'an', 'key'");
    }
}
