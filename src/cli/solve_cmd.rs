//! `dyad solve`: the optimal assignment of any score matrix, for analysts who score elsewhere.

use std::path::PathBuf;

use clap::Args;

use std::collections::HashMap;
use std::time::Instant;

use serde_json::json;

use dyad::error::{InputError, Result};
use dyad::io::csvread::CsvFile;
use dyad::io::csvwrite::CsvOut;
use dyad::io::safetext::has_unsafe;
use dyad::solver::{self, Problem};

use super::common_args::Format;
use super::report::{self, fig};
use super::{emit, emit_json};

#[derive(Args, Debug)]
pub struct SolveArgs {
    /// Score matrix CSV: header is an empty cell then column ids; each row is a row id then
    /// scores; an empty cell is a forbidden pair. Scores must lie from -1000000000 to
    /// 1000000000 (the range solved exactly); row and column ids must be unique
    #[arg(long, value_name = "FILE")]
    pub scores: PathBuf,
    /// Column capacities as CSV `id,capacity`; columns not listed take 1 each
    #[arg(long, value_name = "FILE")]
    pub capacity: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The largest magnitude of a score `dyad solve` accepts. Whole numbers up to this size are
/// solved in exact arithmetic (the solver's exact range is 2^44), and a total over the largest
/// matrix a file may hold (5,000,000 cells) stays below 2^53, where every whole number is exact.
pub const MAX_SCORE: f64 = 1e9;

/// What a score cell must hold, for messages.
const SCORE_EXPECTED: &str = "a number from -1000000000 to 1000000000 (the range dyad solve \
                              solves exactly), or an empty cell for a forbidden pair";

/// A parsed score matrix.
struct Matrix {
    row_ids: Vec<String>,
    col_ids: Vec<String>,
    /// Row-major; `NEG_INFINITY` for an empty (forbidden) cell.
    score: Vec<f64>,
}

/// Refuses an empty id or one seen before; `seen` maps each id to where it was first seen.
fn check_id(
    path: &std::path::Path,
    seen: &mut HashMap<String, usize>,
    id: &str,
    (line, col): (usize, usize),
    first: usize,
    what: &str,
) -> std::result::Result<(), InputError> {
    if id.is_empty() {
        return Err(
            InputError::new(path, format!("a {what} id (this cell may not be empty)"))
                .at(line, col)
                .field("id"),
        );
    }
    if let Some(before) = seen.insert(id.to_string(), first) {
        let place = if what == "column" {
            "in column"
        } else {
            "on line"
        };
        return Err(InputError::new(
            path,
            format!("a unique {what} id (already used {place} {before})"),
        )
        .at(line, col)
        .field("id")
        .value(id));
    }
    Ok(())
}

fn read_matrix(file: &CsvFile) -> std::result::Result<Matrix, InputError> {
    if file.header.len() < 2 {
        return Err(InputError::new(
            &file.path,
            "a header row: an empty cell, then one id per column",
        )
        .line(1));
    }
    file.check_row_lengths()?;
    let col_ids: Vec<String> = file.header[1..]
        .iter()
        .map(|s| s.trim().to_string())
        .collect();
    // Ids are printed as they are: nothing that could drive a terminal may be among them.
    let unsafe_id = |line: usize, col: usize| {
        InputError::new(
            &file.path,
            "an id without control characters or escape sequences",
        )
        .at(line, col)
    };
    if let Some(c) = col_ids.iter().position(|id| has_unsafe(id)) {
        return Err(unsafe_id(1, c + 2));
    }
    let mut seen = HashMap::with_capacity(col_ids.len());
    for (c, id) in col_ids.iter().enumerate() {
        check_id(&file.path, &mut seen, id, (1, c + 2), c + 2, "column")?;
    }
    let mut score = Vec::with_capacity(file.rows.len() * col_ids.len());
    let mut row_ids = Vec::with_capacity(file.rows.len());
    let mut seen = HashMap::with_capacity(file.rows.len());
    for row in &file.rows {
        if has_unsafe(&row.cells[0]) {
            return Err(unsafe_id(row.line, 1));
        }
        let id = row.cells[0].trim();
        check_id(&file.path, &mut seen, id, (row.line, 1), row.line, "row")?;
        row_ids.push(id.to_string());
        for (c, cell) in row.cells[1..].iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                score.push(f64::NEG_INFINITY);
                continue;
            }
            match cell.parse::<f64>() {
                Ok(x) if x.abs() <= MAX_SCORE => score.push(x),
                _ => {
                    return Err(InputError::new(&file.path, SCORE_EXPECTED)
                        .at(row.line, c + 2)
                        .field(col_ids[c].clone())
                        .value(cell));
                }
            }
        }
    }
    Ok(Matrix {
        row_ids,
        col_ids,
        score,
    })
}

fn read_capacity(file: &CsvFile, col_ids: &[String]) -> std::result::Result<Vec<u32>, InputError> {
    let (Some(ci), Some(cc)) = (file.column("id"), file.column("capacity")) else {
        return Err(InputError::new(&file.path, "the header id,capacity").line(1));
    };
    file.check_row_lengths()?;
    let index: HashMap<&str, usize> = col_ids
        .iter()
        .enumerate()
        .map(|(j, id)| (id.as_str(), j))
        .collect();
    let mut cap = vec![1u32; col_ids.len()];
    let mut listed: Vec<Option<usize>> = vec![None; col_ids.len()];
    for row in &file.rows {
        let id = row.cells[ci].trim();
        let Some(&j) = index.get(id) else {
            return Err(
                InputError::new(&file.path, "an id from the score file's header")
                    .at(row.line, ci + 1)
                    .field("id")
                    .value(id),
            );
        };
        if let Some(before) = listed[j] {
            return Err(InputError::new(
                &file.path,
                format!("each id once (already listed on line {before})"),
            )
            .at(row.line, ci + 1)
            .field("id")
            .value(id));
        }
        listed[j] = Some(row.line);
        const MAX: u32 = 1_000_000;
        cap[j] = row.cells[cc]
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|c| *c <= MAX)
            .ok_or_else(|| {
                InputError::new(&file.path, format!("a whole number from 0 to {MAX}"))
                    .at(row.line, cc + 1)
                    .field("capacity")
                    .value(row.cells[cc].as_str())
            })?;
    }
    Ok(cap)
}

pub fn run(args: &SolveArgs) -> Result<()> {
    let matrix = read_matrix(&CsvFile::read(&args.scores)?)?;
    let capacity = match &args.capacity {
        Some(p) => read_capacity(&CsvFile::read(p)?, &matrix.col_ids)?,
        None => vec![1; matrix.col_ids.len()],
    };
    let problem = Problem {
        rows: matrix.row_ids.len(),
        cols: matrix.col_ids.len(),
        score: &matrix.score,
        capacity: &capacity,
    };
    let start = Instant::now();
    let solution = solver::solve(&problem);
    let solve_ms = start.elapsed().as_secs_f64() * 1000.0;
    let pairs: Vec<(usize, usize, f64)> = solution
        .assignment
        .iter()
        .enumerate()
        .filter_map(|(r, c)| c.map(|c| (r, c, matrix.score[r * problem.cols + c])))
        .collect();
    let unassigned: Vec<&str> = solution
        .assignment
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_none())
        .map(|(r, _)| matrix.row_ids[r].as_str())
        .collect();
    match args.format {
        Format::Json => emit_json(&json!({
            "assignment": pairs.iter().map(|(r, c, s)| json!({
                "row": matrix.row_ids[*r], "col": matrix.col_ids[*c], "score": s
            })).collect::<Vec<_>>(),
            "unassigned": unassigned,
            "total": solution.total,
            "solve_ms": solve_ms,
        })),
        Format::Csv => {
            let mut out = CsvOut::new();
            out.row(["row", "col", "score"]);
            for (r, c, s) in &pairs {
                out.row([
                    matrix.row_ids[*r].clone(),
                    matrix.col_ids[*c].clone(),
                    s.to_string(),
                ]);
            }
            for r in &unassigned {
                out.row([r.to_string(), String::new(), String::new()]);
            }
            emit(&out.finish())
        }
        Format::Table => {
            let mut rows = vec![vec!["row".to_string(), "col".into(), "score".into()]];
            for (r, c, s) in &pairs {
                rows.push(vec![
                    matrix.row_ids[*r].clone(),
                    matrix.col_ids[*c].clone(),
                    fig(*s),
                ]);
            }
            let mut text = report::table(&rows);
            if !unassigned.is_empty() {
                text.push_str(&format!("\nunassigned: {}\n", unassigned.join(", ")));
            }
            text.push_str(&totals_line(
                pairs.len(),
                problem.rows,
                solution.total,
                solve_ms,
            ));
            emit(&text)
        }
    }
}

/// The last line of the table: the total rounded like every figure shown (JSON and CSV keep
/// full precision).
fn totals_line(assigned: usize, rows: usize, total: f64, solve_ms: f64) -> String {
    format!(
        "\n{assigned} of {rows} rows assigned, total {}, solved in {solve_ms:.2} ms\n",
        fig(total)
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn matrix(text: &str) -> std::result::Result<Matrix, InputError> {
        read_matrix(&CsvFile::parse(Path::new("s.csv"), text.as_bytes()).unwrap())
    }

    fn at(e: &InputError) -> (Option<usize>, Option<usize>, Option<&str>) {
        (e.line, e.column, e.value.as_deref())
    }

    #[test]
    fn duplicate_ids_are_refused_with_their_position() {
        let e = matrix(",C1,C2,C1\nR1,1,2,3\n").err().unwrap();
        assert_eq!(at(&e), (Some(1), Some(4), Some("C1")), "{e}");
        assert!(e.expected.contains("column 2"), "{e}");
        let e = matrix(",C1,C2\nR1,1,2\nR2,1,2\n R1 ,3,4\n").err().unwrap();
        assert_eq!(at(&e), (Some(4), Some(1), Some("R1")), "{e}");
        assert!(e.expected.contains("line 2"), "{e}");
        let e = matrix(",C1,\nR1,1,2\n").err().unwrap();
        assert_eq!((e.line, e.column), (Some(1), Some(3)), "{e}");
        let e = matrix(",C1\n,1\n").err().unwrap();
        assert_eq!((e.line, e.column), (Some(2), Some(1)), "{e}");
    }

    #[test]
    fn scores_beyond_the_exact_range_are_refused() {
        let m = matrix(",C1,C2\nR1,1e9,-1000000000\nR2,,0.5\n").unwrap();
        assert_eq!(m.score, [1e9, -1e9, f64::NEG_INFINITY, 0.5]);
        for bad in ["1e18", "-1000000000.5", "1e300", "inf", "NaN", "x"] {
            let e = matrix(&format!(",C1,C2\nR1,1,2\nR2,3,{bad}\n"))
                .err()
                .unwrap();
            assert_eq!(at(&e), (Some(3), Some(3), Some(bad)), "{e}");
            assert!(e.expected.contains("from -1000000000 to 1000000000"), "{e}");
        }
    }

    #[test]
    fn a_capacity_listed_twice_is_refused() {
        let cols = vec!["C1".to_string(), "C2".to_string()];
        let file = |t: &str| CsvFile::parse(Path::new("c.csv"), t.as_bytes()).unwrap();
        assert_eq!(
            read_capacity(&file("id,capacity\nC2,3\n"), &cols).unwrap(),
            [1, 3]
        );
        let e = read_capacity(&file("id,capacity\nC1,2\nC1,3\n"), &cols).unwrap_err();
        assert_eq!(at(&e), (Some(3), Some(1), Some("C1")), "{e}");
    }

    #[test]
    fn the_table_total_is_rounded() {
        let line = totals_line(36, 48, 2828.7911856661854, 1.234);
        assert!(line.contains("total 2828.8,"), "{line}");
        assert!(line.contains("36 of 48 rows assigned"), "{line}");
    }
}
