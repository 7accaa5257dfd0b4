import SarhadModel

/// The posterior as CSV (`particle,weight,distance,<parameter>…`) and back, so that
/// `sarhad run --posterior FILE` runs forward from a calibration's particles.
public enum PosteriorTable {
    public static func csv(_ posterior: Posterior) -> String {
        var lines = [(["particle", "weight", "distance"] + posterior.space.parameters.map(\.rawValue)).joined(separator: ",")]
        for index in 0..<posterior.count {
            lines.append(([String(index), "\(posterior.weights[index])", "\(posterior.distances[index])"]
                + posterior.values[index].map { "\($0)" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parameters read from the header keep their default priors (only values and weights matter for
    /// running forward).
    public static func parse(_ text: String) throws(ParseError) -> Posterior {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard let header = lines.first?.split(separator: ",").map(String.init),
              header.count > 3, header[0] == "particle", header[1] == "weight", header[2] == "distance" else {
            throw ParseError(line: 1, message: "expected the header particle,weight,distance,<parameter>…")
        }
        var parameters = [FreeParameter]()
        for name in header.dropFirst(3) {
            guard let parameter = FreeParameter(rawValue: name) else {
                throw ParseError(line: 1, message: "unknown parameter \"\(name)\"; expected one of "
                    + FreeParameter.allCases.map(\.rawValue).joined(separator: ", "))
            }
            parameters.append(parameter)
        }
        var values = [[Double]](), weights = [Double](), distances = [Double]()
        for (offset, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let numbers = fields.compactMap(Double.init)
            guard fields.count == header.count, numbers.count == header.count, numbers[1] >= 0 else {
                throw ParseError(line: offset + 2, message: "expected \(header.count) numbers with a non-negative weight")
            }
            weights.append(numbers[1])
            distances.append(numbers[2])
            values.append(Array(numbers.dropFirst(3)))
        }
        guard !values.isEmpty, weights.reduce(0, +) > 0 else {
            throw ParseError(line: lines.count, message: "expected at least one particle with positive weight")
        }
        let space = ParameterSpace(parameters.map { ($0, $0.defaultPrior) })
        return Posterior(space: space, values: values, weights: weights, distances: distances, tolerance: .nan)
    }
}
