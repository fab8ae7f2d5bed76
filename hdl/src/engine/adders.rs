//! Sums in the hand-written Verilog bodies as balanced adder trees: a loop of `t = t + x[i]`
//! synthesizes into a chain of as many adders (each its own carry chain), which made the octet
//! counts of the beat queues some of the engine's deepest paths.

/// `terms` summed as a balanced tree of additions (Verilog).
pub fn balanced_sum(terms: &[String]) -> String {
    if let [t] = terms {
        return t.clone();
    }
    let (a, b) = terms.split_at(terms.len() / 2);
    format!("({} + {})", balanced_sum(a), balanced_sum(b))
}

/// The set bits of `bits` bits of `v` (from bit `lsb`), as a `width`-bit balanced sum.
pub fn popcount(v: &str, lsb: usize, bits: usize, width: usize) -> String {
    let terms: Vec<String> = (lsb..lsb + bits)
        .map(|i| format!("{{{}'d0, {v}[{i}]}}", width - 1))
        .collect();
    balanced_sum(&terms)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_tree_is_balanced() {
        let t: Vec<String> = (0..4).map(|i| format!("x{i}")).collect();
        assert_eq!(super::balanced_sum(&t), "((x0 + x1) + (x2 + x3))");
        assert_eq!(
            super::popcount("m", 2, 2, 5),
            "({4'd0, m[2]} + {4'd0, m[3]})"
        );
    }
}
