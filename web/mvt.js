// A small Mapbox Vector Tile (2.1) reader and a Leaflet canvas layer that draws the app's own tiles.
// Enough of protobuf for MVT: varints, length-delimited fields, packed geometry commands.

function reader(bytes) {
  let pos = 0;
  const varint = () => {
    let result = 0, shift = 0, b;
    do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return result;
  };
  return {
    get pos() { return pos; }, set pos(p) { pos = p; }, varint, len: bytes.length, bytes,
    skip(wire) { if (wire === 0) varint(); else if (wire === 1) pos += 8; else if (wire === 2) pos += varint(); else if (wire === 5) pos += 4; },
  };
}

function decodeValue(r, end) {
  let v = null;
  while (r.pos < end) {
    const key = r.varint(); const field = key >> 3; const wire = key & 7;
    if (field === 1) { const n = r.varint(); v = new TextDecoder().decode(r.bytes.subarray(r.pos, r.pos + n)); r.pos += n; }
    else if (field === 3) { v = new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos, 8).getFloat64(0, true); r.pos += 8; }
    else if (field === 2) { v = new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos, 4).getFloat32(0, true); r.pos += 4; }
    else if (field === 4 || field === 5) v = r.varint();
    else if (field === 6) { const n = r.varint(); v = (n >>> 1) ^ -(n & 1); }
    else if (field === 7) v = r.varint() !== 0;
    else r.skip(wire);
  }
  return v;
}

/** Decodes a tile: { layerName: { extent, features: [{ type, rings: [[x, y]...], properties }] } }. */
export function decodeTile(buffer) {
  const r = reader(new Uint8Array(buffer));
  const layers = {};
  while (r.pos < r.len) {
    const key = r.varint();
    if ((key >> 3) !== 3) { r.skip(key & 7); continue; }
    const end = r.varint() + r.pos;
    const layer = { name: "", extent: 4096, keys: [], values: [], raw: [] };
    while (r.pos < end) {
      const k = r.varint(); const field = k >> 3;
      if (field === 1) { const n = r.varint(); layer.name = new TextDecoder().decode(r.bytes.subarray(r.pos, r.pos + n)); r.pos += n; }
      else if (field === 2) { const fEnd = r.varint() + r.pos; layer.raw.push([r.pos, fEnd]); r.pos = fEnd; }
      else if (field === 3) { const n = r.varint(); layer.keys.push(new TextDecoder().decode(r.bytes.subarray(r.pos, r.pos + n))); r.pos += n; }
      else if (field === 4) { const vEnd = r.varint() + r.pos; layer.values.push(decodeValue(r, vEnd)); r.pos = vEnd; }
      else if (field === 5) layer.extent = r.varint();
      else r.skip(k & 7);
    }
    layer.features = layer.raw.map(([start, fEnd]) => decodeFeature(r, start, fEnd, layer));
    layers[layer.name] = layer;
  }
  return layers;
}

function decodeFeature(r, start, end, layer) {
  r.pos = start;
  const f = { type: 0, rings: [], properties: {} };
  while (r.pos < end) {
    const k = r.varint(); const field = k >> 3;
    if (field === 2) {
      const tEnd = r.varint() + r.pos;
      while (r.pos < tEnd) { const key = layer.keys[r.varint()]; f.properties[key] = layer.values[r.varint()]; }
    } else if (field === 3) f.type = r.varint();
    else if (field === 4) {
      const gEnd = r.varint() + r.pos;
      let x = 0, y = 0, ring = null;
      while (r.pos < gEnd) {
        const cmd = r.varint(); const id = cmd & 7; const count = cmd >> 3;
        if (id === 7) { if (ring) ring.push(ring[0]); continue; }
        for (let i = 0; i < count; i++) {
          const dx = r.varint(); const dy = r.varint();
          x += (dx >>> 1) ^ -(dx & 1); y += (dy >>> 1) ^ -(dy & 1);
          if (id === 1) { ring = [[x, y]]; f.rings.push(ring); } else ring.push([x, y]);
        }
      }
    } else r.skip(k & 7);
  }
  return f;
}

/** A canvas grid layer drawing one collection's vector tiles with a style {fill, stroke}. */
export function vectorTileLayer(collection, style) {
  const Layer = L.GridLayer.extend({
    createTile(coords, done) {
      const canvas = document.createElement("canvas");
      const size = this.getTileSize();
      canvas.width = size.x; canvas.height = size.y;
      canvas.className = `antt-tile antt-tile-${collection}`;
      // Tiles exist at whole zooms only; at a fractional zoom (14.25) the grid's zoom is rounded, never sent as is.
      const z = Math.round(coords.z);
      fetch(`/tiles/${collection}/${z}/${coords.x}/${coords.y}.mvt`).then((r) => {
        if (!r.ok) throw new Error(`tile ${r.status}`);
        return r.arrayBuffer();
      }).then((buffer) => {
        const layer = decodeTile(buffer)[collection];
        const ctx = canvas.getContext("2d");
        let drawn = 0;
        for (const f of layer ? layer.features : []) {
          const scale = size.x / layer.extent;
          ctx.beginPath();
          for (const ring of f.rings) {
            ring.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x * scale, y * scale) : ctx.lineTo(x * scale, y * scale)));
          }
          if (f.type === 3) { ctx.fillStyle = style.fill; ctx.fill("evenodd"); }
          ctx.strokeStyle = style.stroke; ctx.lineWidth = 1; ctx.stroke();
          drawn += 1;
        }
        canvas.dataset.features = String(drawn);
        done(null, canvas);
      }).catch((e) => done(e, canvas));
      return canvas;
    },
  });
  return new Layer({ pane: "overlayPane", updateWhenZooming: false });
}
