import protobuf from "protobufjs";

/**
 * The part of ONNX's own schema (onnx/onnx.proto, field numbers unchanged) that a small inference graph needs:
 * tests write real model files with it instead of shipping binary fixtures nobody can read.
 */
const ONNX_SUBSET = `
syntax = "proto2";
package onnx;
message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; FLOATS = 6; INTS = 7; }
  optional string name = 1;
  optional AttributeType type = 20;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  repeated float floats = 7;
  repeated int64 ints = 8;
}
message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  optional string domain = 7;
  repeated AttributeProto attribute = 5;
}
message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}
message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional GraphProto graph = 7;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
`;

const ModelProto = protobuf.parse(ONNX_SUBSET, { keepCase: true }).root.lookupType("onnx.ModelProto");

/** TensorProto.DataType values. */
export const FLOAT = 1;
export const INT64 = 7;

export interface GraphValue {
  name: string;
  elemType: number;
  /** A number is a fixed size, a string a named dynamic axis. */
  shape: (number | string)[];
}

export interface GraphNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: { name: string; i?: number; ints?: number[] }[];
}

export interface Initializer {
  name: string;
  dims: number[];
  floats?: number[];
  int64s?: number[];
}

export interface GraphSpec {
  inputs: GraphValue[];
  outputs: GraphValue[];
  nodes: GraphNode[];
  initializers: Initializer[];
  opset: number;
}

function valueInfo(value: GraphValue) {
  return {
    name: value.name,
    type: {
      tensor_type: {
        elem_type: value.elemType,
        shape: {
          dim: value.shape.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })),
        },
      },
    },
  };
}

/** Serialises a one-graph ONNX model (IR version 8) that ONNX Runtime loads as any exported model. */
export function encodeOnnxModel(spec: GraphSpec): Uint8Array {
  const message = ModelProto.fromObject({
    ir_version: 8,
    opset_import: [{ domain: "", version: spec.opset }],
    producer_name: "parley-tests",
    graph: {
      name: "tiny",
      node: spec.nodes.map((n, i) => ({
        name: `${n.op}_${i}`,
        op_type: n.op,
        input: n.inputs,
        output: n.outputs,
        attribute: (n.attributes ?? []).map((a) =>
          a.ints ? { name: a.name, type: 7, ints: a.ints } : { name: a.name, type: 2, i: a.i },
        ),
      })),
      initializer: spec.initializers.map((t) => ({
        name: t.name,
        dims: t.dims,
        data_type: t.floats ? FLOAT : INT64,
        ...(t.floats ? { float_data: t.floats } : { int64_data: t.int64s }),
      })),
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
  });
  return ModelProto.encode(message).finish();
}
