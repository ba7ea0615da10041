//! What a drawn chart promises, checkable after drawing: no value label overlaps another label,
//! a marker or a line; tick labels do not touch; every label lies on the canvas.

use super::place::Drawing;

impl Drawing {
    /// Every overlap found, described; empty when the chart keeps its promises.
    pub fn collisions(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, a) in self.labels.iter().enumerate() {
            for b in &self.labels[i + 1..] {
                if a.rect.overlaps(&b.rect) {
                    out.push(format!("label {} overlaps label {}", a.text, b.text));
                }
            }
            if self.obstacles.boxes.iter().any(|m| m.overlaps(&a.rect)) {
                out.push(format!("label {} overlaps a marker", a.text));
            }
            if self
                .obstacles
                .segments
                .iter()
                .any(|&(p, q)| a.rect.crosses(p, q))
            {
                out.push(format!("label {} is crossed by a line", a.text));
            }
            if a.rect.x0 < 0.0 || a.rect.y0 < 0.0 {
                out.push(format!("label {} leaves the canvas", a.text));
            }
            if let Some(plot) = self.plot
                && (a.rect.y1 > plot.y1 || a.rect.x0 < plot.x0)
            {
                out.push(format!("label {} sits on an axis", a.text));
            }
        }
        for (i, a) in self.ticks.iter().enumerate() {
            for b in &self.ticks[i + 1..] {
                if a.rect.overlaps(&b.rect) {
                    out.push(format!("tick {} overlaps tick {}", a.text, b.text));
                }
            }
        }
        out
    }
}
