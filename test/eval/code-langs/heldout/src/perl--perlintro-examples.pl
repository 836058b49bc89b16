 #!/usr/bin/perl
 use strict;
 use warnings;

 print "Hello, world";
 print 'Hello, world';

 print "Hello, $name\n";     # works fine
 print 'Hello, $name\n';     # prints $name\n literally

 my $animal = "camel";
 my $answer = 42;

 print $animal;
 print "The animal is $animal\n";
 print "The square of $answer is ", $answer * $answer, "\n";

 my @animals = ("camel", "llama", "owl");
 my @numbers = (23, 42, 69);
 my @mixed   = ("camel", 42, 1.23);

 print $animals[0];              # prints "camel"
 print $animals[1];              # prints "llama"

 @animals[0,1];                 # gives ("camel", "llama");
 @animals[0..2];                # gives ("camel", "llama", "owl");
 @animals[1..$#animals];        # gives all except the first element

 my @sorted    = sort @animals;
 my @backwards = reverse @numbers;

 my %fruit_color = (
     apple  => "red",
     banana => "yellow",
     lime   => "green",
 );

    my @non_red = @fruit_color{"banana", "lime"};
    print $non_red[0], "\n";    # yellow
    print $non_red[1], "\n";    # green

 my @fruits = keys %fruit_color;
 my @colors = values %fruit_color;

 my $variables = {
     scalar  =>  {
                  description => "single item",
                  sigil => '$',
                 },
     array   =>  {
                  description => "ordered list of items",
                  sigil => '@',
                 },
     hash    =>  {
                  description => "key/value pairs",
                  sigil => '%',
                 },
 };

 print "Scalars begin with a $variables->{'scalar'}->{'sigil'}\n";

 my $x = "foo";
 my $some_condition = 1;
 if ($some_condition) {
     my $y = "bar";
     print $x;           # prints "foo"
     print $y;           # prints "bar"
 }
 print $x;               # prints "foo"
 print $y;               # prints nothing; $y has fallen out of scope

 # the traditional way
 if ($zippy) {
     print "Yow!";
 }

 # the Perlish post-condition way
 print "Yow!" if $zippy;
 print "We have no bananas" unless $bananas;

 for ($i = 0; $i <= $max; $i++) {
     ...
 }

 foreach (@array) {
     print "This element is $_\n";
 }

 print $list[$_] foreach 0 .. $max;

 # you don't have to use the default $_ either...
 foreach my $key (keys %hash) {
     print "The value of $key is $hash{$key}\n";
 }
