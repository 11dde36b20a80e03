// Unpacks a zip archive into a directory with Node's own zlib, so installing the oracles needs no unzip or Python
// on the machine. Enough of the format for python_stdlib.zip: stored and deflated entries, no zip64, no encryption.
// Usage: node extract.mjs ARCHIVE DIRECTORY
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { inflateRawSync } from "node:zlib";

const [archive, target] = process.argv.slice(2);
if (!archive || !target) {
  console.error("usage: node extract.mjs ARCHIVE DIRECTORY");
  process.exit(2);
}
const zip = readFileSync(archive);
const root = resolve(target);

// The end-of-central-directory record is the last thing in the file, before a comment of at most 64 KiB.
let end = zip.length - 22;
while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
if (end < 0) throw new Error(`${archive}: not a zip archive`);
const count = zip.readUInt16LE(end + 10);
let entry = zip.readUInt32LE(end + 16);

let files = 0;
for (let i = 0; i < count; i++) {
  if (zip.readUInt32LE(entry) !== 0x02014b50) throw new Error(`${archive}: bad central directory entry ${i}`);
  const method = zip.readUInt16LE(entry + 10);
  const compressedSize = zip.readUInt32LE(entry + 20);
  const nameLength = zip.readUInt16LE(entry + 28);
  const extraLength = zip.readUInt16LE(entry + 30);
  const commentLength = zip.readUInt16LE(entry + 32);
  const local = zip.readUInt32LE(entry + 42);
  const name = zip.toString("utf8", entry + 46, entry + 46 + nameLength);
  entry += 46 + nameLength + extraLength + commentLength;

  // Never write outside the target directory, whatever the archive says.
  const path = resolve(root, name);
  if (path !== root && !path.startsWith(root + sep)) throw new Error(`${archive}: entry escapes the target: ${name}`);
  if (name.endsWith("/")) {
    mkdirSync(path, { recursive: true });
    continue;
  }
  // The local header repeats the name and has its own extra field: the data starts after both.
  const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(dataStart, dataStart + compressedSize);
  mkdirSync(dirname(path), { recursive: true });
  if (method === 0) writeFileSync(path, data);
  else if (method === 8) writeFileSync(path, inflateRawSync(data));
  else throw new Error(`${archive}: ${name}: unsupported compression method ${method}`);
  files++;
}
console.log(`${archive}: ${files} files into ${join(target)}`);
