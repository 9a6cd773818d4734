//! `dyad solve`: the optimal assignment of any score matrix, for analysts who score elsewhere.

use std::time::Instant;

use serde_json::json;

use dyad::csvread::CsvFile;
use dyad::csvwrite::CsvOut;
use dyad::error::{InputError, Result};
use dyad::safetext::has_unsafe;
use dyad::solver::{self, Problem};

use super::args::{Format, SolveArgs};
use super::report::{self, fig};
use super::{emit, emit_json};

/// A parsed score matrix.
struct Matrix {
    row_ids: Vec<String>,
    col_ids: Vec<String>,
    /// Row-major; `NEG_INFINITY` for an empty (forbidden) cell.
    score: Vec<f64>,
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
    let mut score = Vec::with_capacity(file.rows.len() * col_ids.len());
    let mut row_ids = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        if has_unsafe(&row.cells[0]) {
            return Err(unsafe_id(row.line, 1));
        }
        row_ids.push(row.cells[0].trim().to_string());
        for (c, cell) in row.cells[1..].iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                score.push(f64::NEG_INFINITY);
                continue;
            }
            match cell.parse::<f64>() {
                Ok(x) if x.is_finite() => score.push(x),
                _ => {
                    return Err(InputError::new(
                        &file.path,
                        "a finite number, or an empty cell for a forbidden pair",
                    )
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
    let mut cap = vec![1u32; col_ids.len()];
    for row in &file.rows {
        let id = row.cells[ci].trim();
        let Some(j) = col_ids.iter().position(|c| c == id) else {
            return Err(
                InputError::new(&file.path, "an id from the score file's header")
                    .at(row.line, ci + 1)
                    .field("id")
                    .value(id),
            );
        };
        cap[j] = row.cells[cc].trim().parse::<u32>().map_err(|_| {
            InputError::new(&file.path, "a whole number of at least 0")
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
            text.push_str(&format!(
                "\n{} of {} rows assigned, total {}, solved in {:.2} ms\n",
                pairs.len(),
                problem.rows,
                solution.total,
                solve_ms
            ));
            emit(&text)
        }
    }
}
