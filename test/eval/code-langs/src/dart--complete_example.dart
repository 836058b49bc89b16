enum Vehicle with FlatTireMixin, Traveler implements Comparable<Vehicle> {
  car(tires: 4, passengers: 5, carbonPerKilometer: 400),
  bus(tires: 6, passengers: 50, carbonPerKilometer: 800),
  bicycle(tires: 2, passengers: 1, carbonPerKilometer: 0);

  const Vehicle({
    required this.tires,
    required this.passengers,
    required this.carbonPerKilometer,
  });

  /// Number of tires of this Vehicle, part of [FlatTireMixin].
  @override
  final int tires;

  /// Number of passengers the Vehicle can transport.
  final int passengers;

  /// Carbon in grams per kilometer.
  final int carbonPerKilometer;

  /// Method that calculates the Carbon Footprint of a Vehicle per passenger.
  int get carbonFootprint => (carbonPerKilometer / passengers).round();

  /// Comparable uses [carbonFootprint] to compare Vehicles.
  @override
  int compareTo(Vehicle other) => carbonFootprint - other.carbonFootprint;
}

/// Mixin that adds extra functionality.
///
/// This Mixin introduces the [tires] member and a method [costToReplaceTires]
/// to calculate the cost of replacing the tires.
mixin FlatTireMixin {
  /// Fixed fee to add to the total cost.
  static const fee = 50;

  /// Number of tires getter, to be implemented by Enum.
  int get tires;

  /// Calcultes the price to replace all tires.
  int costToReplaceTires({required int pricePerTire}) {
    return tires * pricePerTire + fee;
  }
}

/// This mixin can access the property [name] from the Enum.
mixin Traveler on Enum {
  String travel() {
    return 'I am traveling in a $name!';
  }
}
