import Foundation
import OpenAPIKit

/// A Swift type as the API writes it in JSON, described as a JSON schema. The document's
/// schemas are built from the DTOs' stored properties through key paths, so each property's
/// type is the type the DTO really has.
protocol OpenAPIValue {
    static var openAPISchema: JSONSchema { get }
    /// The named schemas (`#/components/schemas/…`) this one refers to.
    static var referencedComponents: [any OpenAPIComponent.Type] { get }
}

extension OpenAPIValue {
    static var referencedComponents: [any OpenAPIComponent.Type] { [] }
}

/// A type described once under `#/components/schemas/<componentName>` and referred to by `$ref`.
protocol OpenAPIComponent {
    static var componentName: String { get }
    static var componentSchema: JSONSchema { get }
    /// The components `componentSchema` refers to, so that the document can include them.
    static var componentDependencies: [any OpenAPIComponent.Type] { get }
}

extension OpenAPIComponent {
    static var reference: JSONSchema { .reference(.component(named: componentName)) }
}

/// A JSON object with a fixed set of keys: a DTO.
protocol OpenAPIObject: OpenAPIComponent, OpenAPIValue {
    static var objectSchema: ObjectSchema<Self> { get }
}

extension OpenAPIObject {
    static var componentSchema: JSONSchema { objectSchema.schema }
    static var componentDependencies: [any OpenAPIComponent.Type] { objectSchema.references }
    static var openAPISchema: JSONSchema { reference }
    static var referencedComponents: [any OpenAPIComponent.Type] { [Self.self] }
}

/// A code stored and sent as its raw string: every case, from `allCases`, is an allowed value.
protocol OpenAPIEnum: OpenAPIComponent, CaseIterable, RawRepresentable where RawValue == String {}

extension OpenAPIEnum {
    static var rawValues: [String] { allCases.map(\.rawValue) }
    static var componentSchema: JSONSchema { .string(allowedValues: rawValues.map { AnyCodable($0) }) }
    static var componentDependencies: [any OpenAPIComponent.Type] { [] }
}

extension String: OpenAPIValue {
    static var openAPISchema: JSONSchema { .string }
}

extension Int: OpenAPIValue {
    static var openAPISchema: JSONSchema { .integer(format: .int64) }
}

extension Int64: OpenAPIValue {
    static var openAPISchema: JSONSchema { .integer(format: .int64) }
}

extension Bool: OpenAPIValue {
    static var openAPISchema: JSONSchema { .boolean }
}

extension UUID: OpenAPIValue {
    static var openAPISchema: JSONSchema { .string(format: .uuid) }
}

extension Array: OpenAPIValue where Element: OpenAPIValue {
    static var openAPISchema: JSONSchema { .array(items: Element.openAPISchema) }
    static var referencedComponents: [any OpenAPIComponent.Type] { Element.referencedComponents }
}

extension Dictionary: OpenAPIValue where Key == String, Value: OpenAPIValue {
    static var openAPISchema: JSONSchema { .object(additionalProperties: .b(Value.openAPISchema)) }
    static var referencedComponents: [any OpenAPIComponent.Type] { Value.referencedComponents }
}

/// A property that may be absent. `JSONEncoder` leaves a nil property out (it never writes
/// `null`), so in an answer the key is optional; in a request body `null` means the same as
/// absent (see `ObjectSchema.Use`).
extension Optional: OpenAPIValue where Wrapped: OpenAPIValue {
    static var openAPISchema: JSONSchema { Wrapped.openAPISchema.optionalSchemaObject() }
    static var referencedComponents: [any OpenAPIComponent.Type] { Wrapped.referencedComponents }
}

/// What a string property holds, when it is more than free text.
enum TextShape {
    case text
    /// `yyyy-mm-dd`.
    case date
    /// A payment period as `PaymentPeriod.label` writes it: `2022Q3`, `2022H1`, `2022M07`, `2022Y`.
    case period
    /// One of a code's values, by reference to its component.
    case code(any OpenAPIEnum.Type)
    /// Some of a code's values, written out (a request that accepts only these).
    case values([String])

    static let periodPattern = "^[0-9]{4}(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$"
}

/// The schema of one DTO, written as a list of its properties with their key paths: a property
/// whose key path type is `T?` is optional, `[T]` is an array of `T`'s schema, a DTO is a
/// `$ref` to its component. Answers are closed (`additionalProperties: false`), so a property
/// added to a DTO and not here fails the API's schema test.
struct ObjectSchema<Root> {
    /// Answers never carry `null` (nil properties are left out); request bodies are decoded
    /// with `decodeIfPresent`, which takes `null` as absent, and may carry keys the server ignores.
    enum Use { case answer, request }

    let use: Use
    let description: String?
    private(set) var properties: OrderedDictionary<String, JSONSchema> = [:]
    private(set) var references: [any OpenAPIComponent.Type] = []

    init(_ use: Use = .answer, _ description: String? = nil) {
        self.use = use
        self.description = description
    }

    var schema: JSONSchema {
        .object(
            description: description, properties: properties,
            additionalProperties: use == .answer ? .a(false) : nil)
    }

    /// A property whose schema follows from its Swift type.
    func property<V: OpenAPIValue>(_ name: String, _ path: KeyPath<Root, V>, _ description: String? = nil) -> Self {
        adding(name, V.openAPISchema, description: description, references: V.referencedComponents)
    }

    /// A string property of a given shape.
    func text(_ name: String, _ path: KeyPath<Root, String>, _ shape: TextShape, _ description: String? = nil) -> Self {
        adding(
            name, schema(of: shape, required: true), description: description, references: Self.references(of: shape))
    }

    /// An optional string property of a given shape.
    func text(_ name: String, _ path: KeyPath<Root, String?>, _ shape: TextShape, _ description: String? = nil) -> Self
    {
        adding(
            name, schema(of: shape, required: false), description: description, references: Self.references(of: shape))
    }

    /// An object whose keys are the raw values of `keys` (every one present when `complete`),
    /// each holding a `V`.
    func keyed<K: CaseIterable & RawRepresentable, V: OpenAPIValue>(
        _ name: String, _ path: KeyPath<Root, [String: V]>, by keys: K.Type, complete: Bool, values: JSONSchema? = nil,
        _ description: String? = nil
    ) -> Self where K.RawValue == String {
        adding(
            name,
            Self.keyedObject(keys.allCases.map(\.rawValue), complete: complete, values: values ?? V.openAPISchema),
            description: description, references: V.referencedComponents)
    }

    /// The same for an optional property.
    func keyed<K: CaseIterable & RawRepresentable, V: OpenAPIValue>(
        _ name: String, _ path: KeyPath<Root, [String: V]?>, by keys: K.Type, complete: Bool, values: JSONSchema? = nil,
        _ description: String? = nil
    ) -> Self where K.RawValue == String {
        adding(
            name,
            Self.keyedObject(keys.allCases.map(\.rawValue), complete: complete, values: values ?? V.openAPISchema)
                .optionalSchemaObject(), description: description, references: V.referencedComponents)
    }

    /// A closed object with exactly the given keys (all required when `complete`).
    static func keyedObject(_ keys: [String], complete: Bool, values: JSONSchema) -> JSONSchema {
        let value = complete ? values : values.optionalSchemaObject()
        return .object(
            properties: OrderedDictionary(keys.map { ($0, value) }, uniquingKeysWith: { first, _ in first }),
            additionalProperties: .a(false))
    }

    private func adding(
        _ name: String, _ schema: JSONSchema, description: String?, references more: [any OpenAPIComponent.Type]
    ) -> Self {
        var copy = self
        var schema = schema
        if let description { schema = schema.with(description: description) }
        if use == .request && !schema.required { schema = Self.acceptingNull(schema) }
        copy.properties[name] = schema
        copy.references += more
        return copy
    }

    /// A code is referred to by name, except in an optional request property, where its values
    /// are written out so that `null` can join them.
    private func schema(of shape: TextShape, required: Bool) -> JSONSchema {
        switch shape {
        case .text: return .string(required: required)
        case .date: return .string(format: .date, required: required)
        case .period: return .string(required: required, pattern: TextShape.periodPattern)
        case .code(let type) where use == .request && !required:
            return .string(required: false, allowedValues: type.rawValues.map { AnyCodable($0) })
        case .code(let type): return .reference(.component(named: type.componentName), required: required)
        case .values(let values): return .string(required: required, allowedValues: values.map { AnyCodable($0) })
        }
    }

    private static func references(of shape: TextShape) -> [any OpenAPIComponent.Type] {
        if case .code(let type) = shape { return [type] }
        return []
    }

    /// An optional request property also takes `null`; a set of values then has `null` among them.
    private static func acceptingNull(_ schema: JSONSchema) -> JSONSchema {
        let nullable = schema.nullableSchemaObject()
        guard let values = schema.allowedValues else { return nullable }
        return nullable.with(allowedValues: values + [AnyCodable(String?.none)])
    }
}
