/** The tools an export must open in, run for real: Python's networkx and igraph, and xmllint. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's python (apt python3-networkx, python3-igraph), not whatever python3 is first on PATH. */
export const PYTHON = "/usr/bin/python3";

/** Runs a Python program with `args` as sys.argv[1:] and parses what it prints as JSON. */
export async function python<T>(program: string, ...args: string[]): Promise<T> {
  const { stdout } = await run(PYTHON, ["-c", program, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

/** xmllint --noout: resolves with its stderr ("" for a well-formed file), rejects when it fails. */
export async function xmllint(path: string): Promise<string> {
  const { stderr } = await run("xmllint", ["--noout", path]);
  return stderr;
}

/**
 * networkx (3.x) knows the GEXF namespaces only up to 1.2draft; 1.3 keeps the elements it reads (nodes,
 * edges, attvalues, viz), so the test registers 1.3's namespaces and reads the file as 1.3.
 */
export const NETWORKX_GEXF_13 = `
import json, sys
import networkx as nx
from networkx.readwrite.gexf import GEXF
GEXF.versions["1.3"] = {
    "NS_GEXF": "http://gexf.net/1.3",
    "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    "VERSION": "1.3",
}
G = nx.read_gexf(sys.argv[1], version="1.3")
`;
