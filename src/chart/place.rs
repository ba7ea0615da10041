//! Placing value labels on a chart: each label tries positions around its point and takes the
//! first whose box stays inside the plot and clear of every other label, every marker and every
//! line. A label with no free position is left out (the alt text and the text still carry it).

/// An axis-aligned box in SVG units (points), y downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    /// A square of half-size `r` around a point (a marker).
    pub fn around(p: (f64, f64), r: f64) -> Rect {
        Rect::new(p.0 - r, p.1 - r, 2.0 * r, 2.0 * r)
    }

    pub fn grow(self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// Whether the segment a–b passes through the box (Liang–Barsky clipping).
    pub fn crosses(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// What labels must keep clear of.
#[derive(Debug, Default, Clone)]
pub struct Obstacles {
    pub boxes: Vec<Rect>,
    pub segments: Vec<((f64, f64), (f64, f64))>,
}

impl Obstacles {
    pub fn hits(&self, r: &Rect) -> bool {
        self.boxes.iter().any(|b| b.overlaps(r))
            || self.segments.iter().any(|&(a, b)| r.crosses(a, b))
    }
}

/// The label boxes tried around a point, nearest and most natural first: above, below, right,
/// left, then the four diagonals; then the same a little further out. `gap` is the distance from
/// the point (the marker's radius and a little air).
pub fn candidates(p: (f64, f64), w: f64, h: f64, gap: f64) -> Vec<Rect> {
    let (x, y) = p;
    let mut out = Vec::with_capacity(16);
    for g in [gap, gap * 1.8] {
        let d = g * 0.7;
        out.extend([
            Rect::new(x - w / 2.0, y - g - h, w, h),
            Rect::new(x - w / 2.0, y + g, w, h),
            Rect::new(x + g + 1.0, y - h / 2.0, w, h),
            Rect::new(x - g - 1.0 - w, y - h / 2.0, w, h),
            Rect::new(x + d, y - d - h, w, h),
            Rect::new(x - d - w, y - d - h, w, h),
            Rect::new(x + d, y + d, w, h),
            Rect::new(x - d - w, y + d, w, h),
        ]);
    }
    out
}

/// The first candidate inside `bounds` that hits no obstacle; the chosen box becomes an
/// obstacle for the labels after it.
pub fn place(cands: &[Rect], bounds: &Rect, obstacles: &mut Obstacles) -> Option<Rect> {
    let chosen = cands
        .iter()
        .find(|r| r.inside(bounds) && !obstacles.hits(&r.grow(0.8)))
        .copied()?;
    obstacles.boxes.push(chosen);
    Some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_crossing_boxes() {
        let r = Rect::new(10.0, 10.0, 10.0, 10.0);
        assert!(r.crosses((0.0, 15.0), (30.0, 15.0)), "straight through");
        assert!(r.crosses((12.0, 12.0), (13.0, 13.0)), "inside");
        assert!(!r.crosses((0.0, 0.0), (30.0, 5.0)), "above");
        assert!(
            r.crosses((0.0, 30.0), (30.0, 0.0)),
            "the diagonal passes the centre"
        );
        assert!(!r.crosses((0.0, 9.0), (9.0, 0.0)), "the corner is missed");
    }

    #[test]
    fn a_label_moves_off_a_line_and_is_dropped_when_boxed_in() {
        let bounds = Rect::new(0.0, 0.0, 100.0, 100.0);
        let mut obs = Obstacles::default();
        // A horizontal line just above the point: the label goes below.
        obs.segments.push(((0.0, 45.0), (100.0, 45.0)));
        let c = candidates((50.0, 50.0), 20.0, 8.0, 4.0);
        let r = place(&c, &bounds, &mut obs).unwrap();
        assert!(r.y0 > 50.0, "{r:?}");
        // Every position taken: no label rather than a collision.
        let mut full = Obstacles::default();
        full.boxes.push(Rect::new(0.0, 0.0, 100.0, 100.0));
        assert_eq!(place(&c, &bounds, &mut full), None);
        // Outside the plot is no place either.
        let edge = candidates((1.0, 1.0), 20.0, 8.0, 4.0);
        let r = place(&edge, &bounds, &mut Obstacles::default()).unwrap();
        assert!(r.inside(&bounds));
    }
}

/// A drawn label, for tests: its text and the box it occupies.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub rect: Rect,
}

/// Everything drawn on a chart that must not overlap, for tests.
#[derive(Debug, Clone, Default)]
pub struct Drawing {
    pub svg: String,
    /// The value labels placed, in drawing order.
    pub labels: Vec<Label>,
    /// The value labels that found no free place and were left out.
    pub dropped: Vec<String>,
    /// Markers and the line segments of every series, in SVG units.
    pub obstacles: Obstacles,
    /// The plot area.
    pub plot: Option<Rect>,
    /// The tick labels under the x axis.
    pub ticks: Vec<Label>,
}
